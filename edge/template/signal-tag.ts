// The tag number of a signal in frames: FNV-1a (32 bit) of its name. Derived, not assigned, so
// adding or reordering signals never renumbers the others; collisions within a work center are
// rejected when the template is compiled.
export function signalTag(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
