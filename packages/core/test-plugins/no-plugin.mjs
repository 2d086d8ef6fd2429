// Exports a class, but no @MigrationPlugin one.
export class NotAPlugin {}
