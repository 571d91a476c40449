import type { MethodText } from '../cards';

export const cardZh: MethodText = {
  title: '自编码器（L2 / SSIM）',
  summary: '卷积编码器把图像压缩成一个小编码，对称的解码器再把它重建出来。只用正常图像训练时，它应当重建不好缺陷；逐像素误差就是异常图。',
  pros: ['本领域的基础：简单，训练和测试都快', 'SSIM 损失关注结构，而不只是亮度'],
  cons: ['网络泛化能力太强，异常也常被重建出来（漏检）', '多样的正常图像可能重建得不好（误报）'],
  params: {
    loss: { label: '损失与异常图', help: '逐像素 L2（异常图：残差平方）或 1 - SSIM，11x11 窗口（异常图：1 - SSIM）。' },
    width: { label: '基础通道数', help: '第一层卷积的通道数；每层翻倍，最多 4 倍。' },
    latent: { label: '编码大小', help: '全连接瓶颈编码的大小（论文中为 100）。' },
    lr: { label: '学习率', help: 'Adam 步长。' },
  },
};
