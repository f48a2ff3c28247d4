/**
 * Kare's spec marks `X-Session-Token` as a required header parameter of every operation but login, so the
 * generated types would make every call pass `params: { header: { "X-Session-Token": … } }`. The client sends
 * that header itself (from the ready session token or its own login), so these types drop it from `params`.
 */
import type { paths } from "../../generated/kare.js";

/** The header the client adds to every request; the generated types require it per operation. */
export const SESSION_HEADER = "X-Session-Token";

type Flatten<T> = { [K in keyof T]: T[K] };

/** An operation's parameters with the session header removed, and `header` optional once nothing in it is required. */
type SessionlessParameters<P> = P extends { header: infer H }
  ? Flatten<Omit<P, "header"> & { header?: Flatten<Omit<H, typeof SESSION_HEADER>> }>
  : P;

type SessionlessOperation<O> = O extends { parameters: infer P }
  ? Flatten<Omit<O, "parameters"> & { parameters: SessionlessParameters<P> }>
  : O;

/** The generated `paths`, minus the `X-Session-Token` header parameter the client manages. */
export type KarePaths = {
  [Path in keyof paths]: {
    [Key in keyof paths[Path]]: Key extends "parameters" ? paths[Path][Key] : SessionlessOperation<paths[Path][Key]>;
  };
};
