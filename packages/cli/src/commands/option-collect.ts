/** Commander argument parser for a repeatable option: collects every value, in order. */
export const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];
