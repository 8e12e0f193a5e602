export * from './layout';
export * from './ids';
export * from './workshop-doc';
export * from './read';
export * from './views';
export * from './migrations';
export * from './board-geometry';
export * from './sample';
