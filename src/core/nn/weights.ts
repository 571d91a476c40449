import * as tf from '@tensorflow/tfjs';

/**
 * Stable names for the weights of a group of layers models, e.g. `encoder/3`, independent of
 * tfjs's global layer counters, so a saved run loads into a freshly built network.
 */
export function namedWeights(models: Record<string, tf.LayersModel>): tf.NamedTensorMap {
  const out: tf.NamedTensorMap = {};
  for (const [key, model] of Object.entries(models)) {
    model.weights.forEach((w, i) => {
      out[`${key}/${i}`] = w.read();
    });
  }
  return out;
}

export function loadNamedWeights(models: Record<string, tf.LayersModel>, weights: tf.NamedTensorMap): void {
  for (const [key, model] of Object.entries(models)) {
    const values = model.weights.map((w, i) => {
      const t = weights[`${key}/${i}`];
      if (!t) throw new Error(`weight "${key}/${i}" is missing`);
      if (t.shape.join('x') !== w.shape.join('x')) {
        throw new Error(`weight "${key}/${i}" has shape ${t.shape.join('x')}, expected ${w.shape.join('x')}`);
      }
      return t;
    });
    model.setWeights(values);
  }
}

export function countParams(models: tf.LayersModel[]): number {
  return models.reduce((n, m) => n + m.countParams(), 0);
}

export function trainableVariables(models: tf.LayersModel[]): tf.Variable[] {
  return models.flatMap((m) => m.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val));
}

/**
 * One optimiser step: evaluates `lossFn` under the gradient tape for `vars`, applies the update,
 * and returns every named loss term (kept alive for the caller, who disposes them).
 */
export function optimiseStep(
  optimizer: tf.Optimizer,
  vars: tf.Variable[],
  lossFn: () => Record<string, tf.Scalar> & { total: tf.Scalar },
): Record<string, tf.Scalar> {
  let parts: Record<string, tf.Scalar> = {};
  const { value, grads } = tf.variableGrads(() => {
    const terms = lossFn();
    parts = {};
    for (const [k, v] of Object.entries(terms)) if (k !== 'total') parts[k] = tf.keep(v);
    return terms.total;
  }, vars);
  optimizer.applyGradients(grads);
  tf.dispose(grads);
  return { ...parts, total: value };
}
