import type { AppConfig } from '../../config.ts';

/** Component names in page order, as the configuration lists them (syncComponents positions them so). */
export function pageOrderOf(config: Pick<AppConfig, 'components'>): string[] {
  return config.components.flatMap((group) => group.items);
}
