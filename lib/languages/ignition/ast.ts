export type { JsonDocument as IgnitionConfig } from '../../json/parse';
