// A textbook shortest-path reference, written independently of the engine:
// the plain O(n²) Dijkstra (no heap, no typed arrays) over an arc list, one
// run per source. The engine's multi-source heap Dijkstra must agree with the
// minimum over these runs.
export interface Arc {
  from: number;
  to: number;
  minutes: number;
}

export function textbookDijkstra(nodeCount: number, arcs: readonly Arc[], source: number, startMinutes = 0): number[] {
  const out: Arc[][] = Array.from({ length: nodeCount }, () => []);
  for (const arc of arcs) out[arc.from]!.push(arc);
  const dist = new Array<number>(nodeCount).fill(Infinity);
  const done = new Array<boolean>(nodeCount).fill(false);
  dist[source] = startMinutes;
  for (;;) {
    let u = -1;
    for (let n = 0; n < nodeCount; n++) if (!done[n] && dist[n]! < Infinity && (u < 0 || dist[n]! < dist[u]!)) u = n;
    if (u < 0) return dist;
    done[u] = true;
    for (const arc of out[u]!) if (dist[u]! + arc.minutes < dist[arc.to]!) dist[arc.to] = dist[u]! + arc.minutes;
  }
}

/** Every arc of a mode network, read back from its edge arrays (not from its CSR). */
export function arcsOf(graph: { edgeCount: number; edgeFrom: Int32Array; edgeTo: Int32Array }, network: { edgeForward: Float64Array; edgeBackward: Float64Array }): Arc[] {
  const arcs: Arc[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    if (network.edgeForward[e]! < Infinity) arcs.push({ from: graph.edgeFrom[e]!, to: graph.edgeTo[e]!, minutes: network.edgeForward[e]! });
    if (network.edgeBackward[e]! < Infinity) arcs.push({ from: graph.edgeTo[e]!, to: graph.edgeFrom[e]!, minutes: network.edgeBackward[e]! });
  }
  return arcs;
}
