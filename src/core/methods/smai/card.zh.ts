import type { MethodText } from '../cards';

export const cardZh: MethodText = {
  title: 'SMAI（超像素遮挡与修复）',
  summary:
    '每张图像被分成超像素（SLIC）。训练时随机遮住其中一部分，由修复 U-Net 根据其余部分恢复。测试时按组依次遮住超像素；恢复出的各组拼成重建图，其误差就是异常图。',
  pros: ['简单而新颖：掩码贴合图像内容', '论文中优于普通自编码器'],
  cons: ['超像素限制了缺陷轮廓的精度', '测试时间随遮挡组数增加'],
  params: {
    superpixels: { label: '64 像素时的超像素数', help: '64 x 64 图像的 SLIC 分块数，随面积缩放（论文未给出确切数目；128 像素约 100 个，这里为 25）。' },
    compactness: { label: 'SLIC 紧致度', help: '位置相对于颜色（Lab 0..100）的权重：越高超像素越方正。' },
    maskMin: { label: '遮挡比例下限', help: '每张训练图像随机遮住一部分超像素，比例取自 [下限, 上限]。' },
    maskMax: { label: '遮挡比例上限', help: '遮挡比例的上限。' },
    groups: { label: '测试分组数', help: '超像素被分成这么多互不相交的组，每组修复一次（与超像素数相同 = 每次一个，同论文）。' },
    fill: { label: '被遮像素的填充', help: 'zero：中灰（[-1, 1] 输入上的 0）；mean：图像可见像素的均值。两种情况下掩码都作为额外输入通道。' },
    loss: { label: '损失', help: '被遮像素上的 L2，可再加上合成图在被遮像素上的 1 - SSIM。' },
    map: { label: '异常图', help: '图像与拼合修复结果之间的残差平方或 1 - MSGMS，再做平滑。' },
    base: { label: '基础通道数', help: 'U-Net 第一层的通道数；每层翻倍，最多 8 倍。' },
    depth: { label: 'U-Net 深度', help: '下采样次数；图像太小、瓶颈不足 4 像素时会减少。' },
    up: { label: '上采样', help: '2x2 转置卷积（这里更快）或双线性上采样。' },
    lr: { label: '学习率', help: 'Adam 步长。' },
  },
};
