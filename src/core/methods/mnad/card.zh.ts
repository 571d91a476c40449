import type { MethodText } from '../cards';

export const cardZh: MethodText = {
  title: 'MNAD（记忆引导的正常性，重建）',
  summary:
    '编码器把每个位置变成一个查询；通过注意力读取一个小的正常原型记忆（10 项），读出的记忆项与查询拼接后送入解码器。记忆项按类似 k-means 的规则更新而不是靠梯度，损失让查询靠近一个记忆项、远离其他项。分数混合了 PSNR 和查询到其记忆项的距离。',
  pros: ['少量而多样的正常原型；特征紧凑且可分', '测试时记忆会在看起来正常的图像上继续适应'],
  cons: ['查询也被传给解码器，所以异常仍可能被重建', '分数需要在整个测试集上做最小-最大归一化'],
  params: {
    width: { label: '基础通道数', help: '第一个块的通道数，每层翻倍（论文中为 64）。' },
    dim: { label: '查询维度', help: '查询和记忆项的通道数（论文中为 512）。' },
    items: { label: '记忆项数', help: '记忆项的数目 M（10）。' },
    lambdaC: { label: '紧致性权重', help: '查询到最近记忆项距离的权重（重建任务为 0.01）。' },
    lambdaS: { label: '可分性权重', help: '三元组损失的权重，间隔为 1（重建任务为 0.01）。' },
    score: { label: '图像分数', help: 'mnad：在测试集上最小-最大归一化的 PSNR 与特征距离的混合；max：平滑后误差平方图的最大值。' },
    mix: { label: 'PSNR 占比（lambda）', help: 'mnad 分数中 1 - g(PSNR) 相对于 g(D) 的权重（0.7）。' },
    gamma: { label: '测试更新门限', help: '测试图像的加权误差低于此值时才更新记忆（0.015）。' },
    testUpdate: { label: '测试时更新记忆', help: '允许看起来正常的测试图像更新记忆。' },
    lr: { label: '学习率', help: 'Adam 步长。' },
  },
};
