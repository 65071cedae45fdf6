export { startDevEdge, type DevEdge, type DevEdgeOptions } from './dev-edge';
export { isIdentityHeader, setIdentityHeaders, stripIdentityHeaders } from './header-contract';
export * from './kong-config';
