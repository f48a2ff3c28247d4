/**
 * Kare lists are numbered pages: `?page=N&pageSize=M` answers `{ data, totalCount, pagination: { page, pageSize } }`.
 * The paging parameter names are inferred from the response's `pagination` object (Kare's list pages were not
 * captured; see specs/kare/components/parameters/Page.yaml).
 */
import type { paths } from "../../generated/kare.js";
import { fetchListPage, type PaginateOptions, type Paginator, pageField, paginate } from "../core/index.js";
import type { KareClient } from "./index.js";

/** The GET operations that return a numbered page. */
export type KareListPath = "/companies/v2/rs" | "/companies/v2/rs/{companyId}/contacts";
type ListOperation<P extends KareListPath> = paths[P]["get"];
type ListPage<P extends KareListPath> = ListOperation<P>["responses"][200]["content"]["application/json"];
type ListItem<P extends KareListPath> = ListPage<P>["data"][number];
type ListParams<P extends KareListPath> = Omit<NonNullable<ListOperation<P>["parameters"]["query"]>, "page"> &
  (ListOperation<P>["parameters"]["path"] extends Record<string, unknown>
    ? { path: ListOperation<P>["parameters"]["path"] }
    : { path?: never });

/** Where a page sits in the list, as the server reported it. */
interface PageInfo {
  data: readonly unknown[];
  totalCount: number;
  pagination: { page: number; pageSize: number };
}

/**
 * The page after `page`, or undefined when the list is exhausted: an empty page, or pages 1…page already hold
 * `totalCount` items. The next number comes from the server's own `pagination.page`, so a server that ignores
 * `page` and answers page 1 again makes the core stop with a PaginationError instead of looping.
 */
export function nextKarePage(page: PageInfo): number | undefined {
  // Each field is checked: without totalCount, or with pageSize 0, the end of the list could never be reached.
  const data = pageField(page.data, "data", "array");
  const totalCount = pageField(page.totalCount, "totalCount", "non-negative integer");
  const pagination = pageField(page.pagination, "pagination", "object");
  const number = pageField(pagination.page, "pagination.page", "positive integer");
  const pageSize = pageField(pagination.pageSize, "pagination.pageSize", "positive integer");
  if (data.length === 0 || number * pageSize >= totalCount) return undefined;
  return number + 1;
}

/**
 * Every item of a list operation, fetching pages as they are consumed (page 1 first).
 *   for await (const company of paginateKare(kare, "/companies/v2/rs", { pageSize: 100 })) { … }
 *   const contacts = await paginateKare(kare, "/companies/v2/rs/{companyId}/contacts", { path: { companyId: 42 }, extend: ["company"] }).toArray();
 */
export function paginateKare<P extends KareListPath>(
  client: KareClient,
  path: P,
  params: ListParams<P> = {} as ListParams<P>,
  options: PaginateOptions = {},
): Paginator<ListPage<P>, ListItem<P>> {
  const { path: pathParams, ...query } = params as { path?: Record<string, number> } & Record<string, unknown>;
  return paginate<ListPage<P>, ListItem<P>, number>(
    {
      fetchPage: (cursor, signal) =>
        fetchListPage(client, "GET", path, { params: { path: pathParams, query: { ...query, page: cursor ?? 1 } }, signal }),
      items: (page) => pageField(page.data, "data", "array") as ListItem<P>[],
      next: (page) => nextKarePage(page),
    },
    options,
  );
}
