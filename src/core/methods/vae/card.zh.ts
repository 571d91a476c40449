import type { MethodText } from '../cards';

export const cardZh: MethodText = {
  title: '变分自编码器',
  summary: '编码是一个分布的自编码器：编码器给出均值和方差，解码器从中采样重建，KL 项把编码拉向标准正态先验。重建误差就是异常图。',
  pros: ['与自编码器一样简单', '隐空间有先验：编码平滑，还可以从中采样生成新图像'],
  cons: ['与自编码器有相同的弱点：异常也可能被重建，多样的正常图像则重建不好', '重建比自编码器更模糊'],
  params: {
    width: { label: '基础通道数', help: '第一层卷积的通道数；每层翻倍，最多 4 倍。' },
    latent: { label: '隐变量维数', help: 'z 的维数（为 2 时可直接画出隐空间）。' },
    beta: { label: 'KL 权重（beta）', help: 'KL(q(z|x) || N(0, I)) 相对于误差平方和的权重；1 即普通 VAE。' },
    lr: { label: '学习率', help: 'Adam 步长。' },
    score: { label: '图像分数', help: '平滑后误差平方图的最大值，或负 ELBO（误差和 + beta KL，由均值解码）。' },
  },
};
