import type { MessageKey, Translate } from '.';

/**
 * Core names its method views and their parts in English (core stays free of language); these
 * are the ones it draws, told in the reader's language. A title not listed here shows as it came.
 */
const TITLES: readonly [RegExp, MessageKey][] = [
  [/^Latent means of the probe images$/, 'view.latent'],
  [/^Samples decoded from the prior N\(0, I\)$/, 'view.prior'],
  [/^Each memory item decoded alone \(the item at every code position\)$/, 'view.memaeItemsSmall'],
  [/^Each memory item decoded alone$/, 'view.memaeItems'],
  [/^How often each item has the largest weight \(probe images, all code positions\)$/, 'view.memaeUsage'],
  [/^Memory item read most at each feature position$/, 'view.mnadMap'],
  [/^How often each item is read most \(probe images, all positions\)$/, 'view.mnadUsage'],
  [/^Cosine of each memory item to its initial value during training$/, 'view.evolution'],
  [/^Attention of the inpaint token for patch \((?<row>\d+), (?<col>\d+)\)$/, 'view.attention'],
  // Captions of images and axes of the latent plot
  [/^item (?<i>\d+), used (?<n>\d+)$/, 'view.itemUsed'],
  [/^item (?<i>\d+)$/, 'view.item'],
  [/^PC1 \((?<pct>[\d.]+%) of variance\)$/, 'view.pc1'],
  [/^\(none\)$/, 'view.none'],
  // Titles of the inpainting methods' masks (mask panel)
  [/^cells of (?<cell>\d+) px, set (?<i>\d+) of (?<n>\d+)$/, 'masks.riad'],
  [/^training draw: (?<k>\d+) of (?<n>\d+) superpixels hidden$/, 'masks.smaiDraw'],
  [/^test group (?<i>\d+) of (?<n>\d+)$/, 'masks.smaiGroup'],
  [/^SLIC superpixels \((?<n>\d+)\): borders$/, 'masks.smaiBorders'],
  [/^(?<w>\d+) px: (?<kind>.+)$/, 'masks.scadn'],
  [/^vertical stripes$/, 'masks.kind.vertical'],
  [/^vertical, complement$/, 'masks.kind.verticalComplement'],
  [/^horizontal stripes$/, 'masks.kind.horizontal'],
  [/^horizontal, complement$/, 'masks.kind.horizontalComplement'],
];

export function viewText(t: Translate, text: string): string {
  for (const [pattern, key] of TITLES) {
    const m = pattern.exec(text);
    if (!m) continue;
    const vars: Record<string, string> = { ...m.groups };
    // A part that is itself a known title (the stripe kind of an SCADN mask) is told too.
    if (vars.kind !== undefined) vars.kind = viewText(t, vars.kind);
    return t(key, vars);
  }
  return text;
}
