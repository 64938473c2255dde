export * from './workspace-directory';
export * from './versioned-cache';
export * from './directory.schema';
export * from './directory-read-model';
export * from './directory-read-model.module';
export * from './channels.schema';
export * from './channels-read-model';
