// Forms: the sanitising readers (fields.ts) and the schema builders every action parses with
// (schema.ts), behind one import path.
export * from './fields';
export * from './schema';
