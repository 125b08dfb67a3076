export { BarChart, type BarChartProps, type BarItem } from "./BarChart";
export { ColumnChart, type ColumnChartProps, type ColumnPoint } from "./ColumnChart";
export { DistributionChart, type DistributionBin, type DistributionChartProps } from "./DistributionChart";
export { LineChart, type LineChartProps, type LineSeries } from "./LineChart";
export { PipelineChart, type PipelineChartProps, type PipelineStage, type StageTone } from "./PipelineChart";
export type { ChartTextProps } from "./frame";
