/**
 * Kare lists are numbered pages: `?page=N&pageSize=M` answers `{ data, totalCount, pagination: { page, pageSize } }`.
 * The paging parameter names are inferred from the response's `pagination` object (Kare's list pages were not
 * captured; see specs/kare/components/parameters/Page.yaml).
 */
import type { paths } from "../../generated/kare.js";
import { type CrmClient, type PaginateOptions, type Paginator, paginate } from "../core/index.js";
import {
  fetchListPage,
  type GetInit,
  type ListPage,
  type ListPageRequest,
  type PaginatorArgs,
  pageField,
  pageRequest,
  walkOptions,
} from "../core/vendor-kit.js";
import type { KarePaths } from "./paths.js";

/** The GET operations that return a numbered page. */
export type KareListPath = "/companies/v2/rs" | "/companies/v2/rs/{companyId}/contacts";
type Page<P extends KareListPath> = ListPage<paths[P]["get"]>;
type Item<P extends KareListPath> = Page<P>["data"][number];

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
 * Every item of a list operation, fetching pages as they are consumed. `init` is what `client.GET(path, init)`
 * takes (its `page`, 1 by default, is where the walk starts); `options` bound the walk.
 *   for await (const company of paginateKare(kare, "/companies/v2/rs", { params: { query: { pageSize: 100 } } })) { … }
 *   const contacts = await paginateKare(kare, "/companies/v2/rs/{companyId}/contacts", { params: { path: { companyId: 42 } } }).toArray();
 */
export function paginateKare<P extends KareListPath>(
  client: CrmClient<KarePaths>,
  path: P,
  ...[init, options = {}]: PaginatorArgs<GetInit<KarePaths, P>>
): Paginator<Page<P>, Item<P>> {
  const request = init as ListPageRequest | undefined;
  // The walk starts at the init's page, else 1; the next numbers come from the server's own.
  const firstPage = (request?.params?.query as { page?: number } | undefined)?.page ?? 1;
  return paginate<Page<P>, Item<P>, number>(
    {
      fetchPage: (cursor, signal) => fetchListPage(client, "GET", path, pageRequest(request, { page: cursor ?? firstPage }, signal)),
      items: (page) => pageField(page.data, "data", "array") as Item<P>[],
      next: (page) => nextKarePage(page),
    },
    walkOptions(request, options as PaginateOptions),
  );
}
