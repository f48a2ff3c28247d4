/** The workspace's users (https://developer.folk.app/api-reference/users): seeded and read-only; one of them is the API key's. */
import { RecordTable } from "../record-table.js";
import { type InvalidFailure, type NotFoundFailure, notFound, type User, type UserReference } from "./model.js";
import { type FolkPage, type PageRequest, pageOf } from "./paging.js";

/** The user the sandbox's API key belongs to until a seed names another: what `createdBy` says of records created through it. */
export const SANDBOX_USER: User = {
  id: "usr_00000000-0000-4000-8000-000000000000",
  fullName: "Sandbox User",
  email: "sandbox@crm-kit.invalid",
};

export class UserStore {
  readonly #users = new RecordTable<User>();
  #apiUser: User = SANDBOX_USER;

  /** Seeding: the user as given; `isApiUser` makes it the key's user (`me`, the author of what the API writes). */
  putUser(user: User, { isApiUser = false } = {}): void {
    this.#users.set(user.id, user);
    if (isApiUser) this.#apiUser = user;
  }

  listUsers(request: PageRequest): FolkPage<User> | InvalidFailure {
    return pageOf(this.#users, request);
  }

  getUser(id: string): User | NotFoundFailure {
    return this.#users.get(id) ?? notFound("user", id);
  }

  /** The user the API key belongs to. */
  getCurrentUser(): User {
    return this.#apiUser;
  }

  /** The user a reference names: by id, or by email in any case. */
  find(reference: UserReference): User | undefined {
    if ("id" in reference) return this.#users.get(reference.id);
    return this.#users.find((u) => u.email.toLowerCase() === reference.email.toLowerCase());
  }
}
