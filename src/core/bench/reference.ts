import * as tf from '@tensorflow/tfjs';

/**
 * The reference conv autoencoder that benchmarks compare across versions and machines: encoder
 * 3 conv2d (kernel 4, stride 2, 'same', 32/64/128, ReLU), decoder 3 mirrored conv2dTranspose
 * (64/32/C, ReLU, ReLU, sigmoid). Trained with MSE and Adam at batch 16 on 64x64x3.
 */
export function referenceAutoencoder(shape: [number, number, number] = [64, 64, 3]): tf.Sequential {
  const model = tf.sequential();
  const conv = { kernelSize: 4, strides: 2, padding: 'same' as const };
  model.add(tf.layers.conv2d({ ...conv, inputShape: shape, filters: 32, activation: 'relu' }));
  model.add(tf.layers.conv2d({ ...conv, filters: 64, activation: 'relu' }));
  model.add(tf.layers.conv2d({ ...conv, filters: 128, activation: 'relu' }));
  model.add(tf.layers.conv2dTranspose({ ...conv, filters: 64, activation: 'relu' }));
  model.add(tf.layers.conv2dTranspose({ ...conv, filters: 32, activation: 'relu' }));
  model.add(tf.layers.conv2dTranspose({ ...conv, filters: shape[2], activation: 'sigmoid' }));
  return model;
}
