/**
 * Other HTTP clients making the benchmarked GET, for scale: ky (fetch-based, retries and a timeout by default),
 * axios (node:http, keep-alive global agent) and the runtime of a Stainless-generated SDK (openai's client, whose
 * `get` runs the same request pipeline as its resource methods: retries, timeout, headers, JSON parsing). Each sends
 * the vendor's headers, keeps its default retries and timeout, and reads back the parsed JSON body.
 */
import axios from "axios";
import ky from "ky";
import OpenAI from "openai";
import type { Call, VendorCase } from "./vendors.js";

export interface Peer {
  name: string;
  call(baseUrl: string, vendor: VendorCase): Call;
}

export const PEERS: readonly Peer[] = [
  {
    name: "ky",
    call(baseUrl, vendor) {
      const api = ky.create({ prefixUrl: baseUrl, headers: vendor.headers });
      // ky's prefixUrl takes a path without its leading slash.
      const path = vendor.get.path.slice(1);
      return () => api.get(path).json();
    },
  },
  {
    name: "axios",
    call(baseUrl, vendor) {
      const api = axios.create({ baseURL: baseUrl, headers: vendor.headers });
      return async () => (await api.get(vendor.get.path)).data;
    },
  },
  {
    name: "openai",
    call(baseUrl, vendor) {
      // defaultHeaders come after the SDK's own Authorization, so the vendor's headers are the ones sent.
      const client = new OpenAI({ apiKey: "unused-bench-key", baseURL: baseUrl, defaultHeaders: vendor.headers });
      return () => client.get(vendor.get.path);
    },
  },
];
