/** Anomaly detection metrics over plain typed arrays (image and pixel level), DOM- and tfjs-free. */
export { MetricError } from './errors';
export { auroc, pixelAUROC, perTypeAUROC } from './auroc';
export { rocCurve, prCurve, type RocCurve, type PrCurve } from './curves';
export { f1Max, type F1Max } from './f1';
export { aupro, connectedComponents8 } from './pro';
export { argsortDescending } from './ranking';
export { evaluate, pixelMetrics, type Curves, type EvaluateInput, type EvaluateResult } from './evaluate';
export { testSetMetrics, CURVE_POINTS, type TestCurves, type TestMetrics, type TestSetInput } from './summary';
export { confusionAt, predictedMask, thresholdCentred, type Confusion } from './threshold';
