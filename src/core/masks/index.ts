/** Mask generators shared by the inpainting methods; the mask panel draws these very masks. */
export { gridMasks, riadCellSizes, RIAD_CELLS_AT_256 } from './grid';
export { stripeMasks, scadnStripeWidths, scadnMaskScales, scadnMasks, type StripeScale } from './stripes';
export {
  slic,
  superpixelMasks,
  superpixelGroups,
  enforceConnectivity,
  toLab,
  type SlicOptions,
  type Superpixels,
} from './slic';
export {
  patchGrid,
  centralWindow,
  allCentralWindows,
  randomWindow,
  type PatchGrid,
  type PatchWindow,
} from './windows';
