/** MongoDB-style ObjectIds (24 lowercase hex digits): 4 bytes of seconds, 5 random bytes per generator, a 3-byte counter. */

export type ObjectIdGenerator = () => string;

export function createObjectIdGenerator(now: () => Date = () => new Date()): ObjectIdGenerator {
  const random = [...crypto.getRandomValues(new Uint8Array(5))].map((b) => b.toString(16).padStart(2, "0")).join("");
  let counter = crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
  return () => {
    counter = (counter + 1) % 0x1000000;
    const seconds = Math.floor(now().getTime() / 1000) % 0x100000000;
    return `${seconds.toString(16).padStart(8, "0")}${random}${counter.toString(16).padStart(6, "0")}`;
  };
}
