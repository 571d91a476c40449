import { isMessageKey, type MessageKey, type Translate } from '.';

/** Data labels the lab itself makes (normal, the procedural defect types) in the reader's language; others as they are. */
export function labelText(t: Translate, label: string): string {
  switch (label) {
    case 'good':
      return t('label.good');
    case 'scratch':
      return t('label.scratch');
    case 'hole':
      return t('label.hole');
    case 'stain':
      return t('label.stain');
    default:
      return label;
  }
}


/** A data set's name in the reader's language where the lab made it (procedural, one-class MNIST); others as named. */
export function datasetNameText(t: Translate, id: string, name: string): string {
  const synthetic = /^synthetic-([a-z]+)-(\d+)-(gray|rgb)-s(\d+)$/.exec(id);
  if (synthetic) {
    const [, texture, size, colour, seed] = synthetic;
    const textureName = isMessageKey(`texture.${texture}`) ? t(`texture.${texture}` as MessageKey) : texture!;
    return t('data.builtinName', { texture: textureName, size: size!, colour: colour === 'gray' ? t('data.gray') : 'RGB', seed: seed! });
  }
  const classic = /^(mnist|fashion-mnist):([^:]+):seed-\d+$/.exec(id);
  if (classic) {
    const [, set, normal] = classic;
    const key = `fashion.${normal}`;
    const normalName = set === 'mnist' ? t('classic.digit', { n: normal!.replace('digit-', '') }) : isMessageKey(key) ? t(key) : normal!;
    return t('data.classicName', { set: set === 'mnist' ? 'MNIST' : 'Fashion-MNIST', normal: normalName });
  }
  return name;
}
