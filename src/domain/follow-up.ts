/** The human id of a follow-up action: F<n>, numbered across all incidents. */
export function followUpId(number: number): string {
  return `F${number}`;
}
