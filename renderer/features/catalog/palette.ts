/**
 * Colours and pictures offered in the forms: big swatches and emoji to tap,
 * so nobody has to type a colour code or find an emoji keyboard.
 */

/** `name` is the key of its spoken name in catalog.colors (for screen readers and tooltips). */
export const PALETTE = [
  { hex: '#e4572e', name: 'orange' },
  { hex: '#f3a712', name: 'yellow' },
  { hex: '#d62828', name: 'red' },
  { hex: '#ef476f', name: 'pink' },
  { hex: '#8e44ad', name: 'purple' },
  { hex: '#29335c', name: 'navy' },
  { hex: '#2f6fb5', name: 'blue' },
  { hex: '#669bbc', name: 'sky' },
  { hex: '#2a9d8f', name: 'teal' },
  { hex: '#2d6a4f', name: 'green' },
  { hex: '#7cb518', name: 'lime' },
  { hex: '#bc6c25', name: 'brown' },
] as const;

/** Crafts, textile, jewellery, food and Christmas: what the stalls sell. */
export const EMOJI_SUGGESTIONS: readonly string[] = [
  '🧵', '🪡', '🧶', '👗', '👜', '👝', '🧣', '🎀',
  '👒', '💍', '📿', '🎏', '🧺', '🕯️', '✨', '🎄',
  '⭐', '🎁', '🍪', '🥧', '🍯', '🍲', '🌶️', '☕',
];

/** The first palette colour nobody uses yet (so new members and products look different). */
export function nextColor(used: readonly string[]): string {
  const taken = new Set(used.map((c) => c.toLowerCase()));
  const free = PALETTE.find((c) => !taken.has(c.hex));
  return (free ?? PALETTE[used.length % PALETTE.length] ?? PALETTE[0]).hex;
}
