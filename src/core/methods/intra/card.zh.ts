import type { MethodText } from '../cards';

export const cardZh: MethodText = {
  title: 'InTra（修复 Transformer）',
  summary:
    '图像被切成图块。Transformer 看到一个 L x L 的图块窗口，其中一块被隐藏，它根据其余图块及其位置重建这一块。测试时每个图块都由最居中包含它的窗口来修复；图块拼成重建图，再用梯度相似度（MSGMS）与输入比较。',
  pros: ['首个用于该任务的 Transformer，且优于 RIAD', '每个图块只由其上下文重建，缺陷无法被直接复制过去'],
  cons: ['每个图块修复一次：训练慢、测试代价高（每块一个窗口）', '需要很多训练步才能学好位置嵌入'],
  params: {
    patch: { label: '图块边长 K', help: '图块边长（像素；论文在 256 像素下为 16）；小图像上会缩小为能让每边留下 L 个图块的最大约数。' },
    window: { label: '窗口边长 L', help: '窗口每边的图块数；窗口必须放得进图块网格（论文中为 7）。' },
    dim: { label: '嵌入维度', help: '词元维度，须为头数的倍数（论文中为 512）。' },
    blocks: { label: 'Transformer 块数', help: '前置归一化块（论文中为 13）。' },
    heads: { label: '注意力头数', help: '每块的头数（论文中为 8）。' },
    draws: { label: '每图窗口数', help: '每步从每张训练图像随机抽取的窗口数（论文：1；更多能更好地利用每一步）。' },
    lr: { label: '学习率', help: 'Adam 步长。' },
  },
};
