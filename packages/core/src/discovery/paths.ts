// Where NT 3.51/4.0 keep their network configuration (spec §10).

export const HKLM = 'HKEY_LOCAL_MACHINE';
export const CURRENT_VERSION_PATH = `${HKLM}\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion`;
export const NETWORK_CARDS_PATH = `${CURRENT_VERSION_PATH}\\NetworkCards`;
export const SOFTWARE_PATH = `${HKLM}\\SOFTWARE`;
export const SERVICES_PATH = `${HKLM}\\SYSTEM\\CurrentControlSet\\Services`;
export const PRODUCT_OPTIONS_PATH = `${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\ProductOptions`;

/** `Services\<instance>\Parameters`: the key a plugin reads and the one-to-many mapping consults. */
export function paramsPathOf(instance: string): string {
  return `${SERVICES_PATH}\\${instance}\\Parameters`;
}
