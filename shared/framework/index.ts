// The one place that reads resources/framework.json; everything else imports from here.
import raw from '../../resources/framework.json';
import { parseFramework, indexFramework } from './load';

export const framework = parseFramework(raw);
export const frameworkIndex = indexFramework(framework);
export * from './schema';
export { parseFramework, indexFramework, FrameworkError, type FrameworkIndex } from './load';
