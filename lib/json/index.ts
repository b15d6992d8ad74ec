export { parseTreeCapped } from './parse';
