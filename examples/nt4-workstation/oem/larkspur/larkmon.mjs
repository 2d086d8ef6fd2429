// The module netmap.inf names in [OemUpgradeSupport] (the "migration DLL" of this vendor
// directory): it loads the installed plugin package, which Node resolves from here.
export { LarkMonMigration } from '@larkspur/netmigrate-larkmon';
