import type { MethodText } from '../cards';

export const cardZh: MethodText = {
  title: 'MemAE（记忆增强自编码器）',
  summary:
    '编码器和解码器之间有一个原型编码的记忆。每个编码都被替换为少数记忆项的稀疏组合（余弦寻址、硬收缩），因此解码器只能构建记忆中有的东西：正常模式。异常会被重建成最接近的正常图像。',
  pros: ['直接抑制过度泛化：异常无法用记忆表达', '记忆项可以解码出来查看'],
  cons: ['记忆大小和收缩阈值需要调节', '多样的正常数据需要很大的记忆，否则重建会模糊'],
  params: {
    net: { label: '网络', help: 'small：MemAE 的 MNIST 网络，记忆作用于其 H/8 特征图的每个位置；conv：本实验室的卷积自编码器，记忆作用于其全连接编码；auto：32 像素及以下用 small，以上用 conv。' },
    width: { label: '基础通道数', help: '第一层卷积的通道数（MNIST 网络中为 16）。' },
    latent: { label: '编码大小（conv）', help: '卷积网络全连接编码的大小（small 网络的编码为 4 x 基础通道数）。' },
    items: { label: '记忆项数 N', help: '记忆项的数目（论文中 MNIST 为 100，CIFAR-10 为 500）。' },
    shrink: { label: '收缩阈值（x 1/N）', help: '硬收缩阈值 lambda，以 1/N 为单位（论文用 1/N 到 3/N）；0 表示关闭。' },
    alpha: { label: '熵权重', help: '寻址熵损失的权重（0.0002）。' },
    memory: { label: '记忆', help: '关闭：同一网络但不带记忆，即论文中的自编码器基线。' },
    score: { label: '图像分数', help: '平滑后误差平方图的最大值，或均方误差（论文的做法）。' },
    lr: { label: '学习率', help: 'Adam 步长。' },
  },
};
