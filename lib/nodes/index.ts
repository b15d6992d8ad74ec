export { nodeFileLine, NodesError, nodesSummary, planNodes, writeNodes, type NodesPlan } from './generate';
