// Kept in step with package.json by a test; read without touching the file system so
// `netmigrate --version` starts fast.
export const VERSION = '0.1.0';
