export { parseTreeCapped } from './parse';
export { SITE_VALIDATOR_KEY } from './ajv';
