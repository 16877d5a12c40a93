/**
 * The keys table: id, aliases, description, spec, usage, state, creation time and tags of every key (`useKeys`).
 * Sorted by any column (TanStack Table's sorting state, applied by `sortRows` on the plain rows), filtered by
 * words typed in the filter box (all must match), and virtualised (TanStack Virtual): only the rows in view become
 * table rows and DOM, so 10,000 keys render, filter and scroll fast (`npm run bench:console` measures it).
 * Choosing a key id opens its detail.
 * https://tanstack.com/table/v8/docs/guide/sorting
 * https://tanstack.com/virtual/v3/docs/api/virtualizer
 */
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import { rowMatches, sortRows, type KeyRow } from './key-row.ts';

interface KeysTableProps {
  rows: KeyRow[];
  loading: boolean;
  error: string | null;
  selectedKeyId: string;
  onSelect(keyId: string): void;
  onRefresh(): void;
}

const ROW_HEIGHT = 37;

function columns(selectedKeyId: string, onSelect: (keyId: string) => void): ColumnDef<KeyRow>[] {
  return [
    {
      id: 'keyId',
      header: 'Key id',
      accessorKey: 'keyId',
      cell: ({ row }) => (
        <button
          type="button"
          className="link mono"
          aria-pressed={row.original.keyId === selectedKeyId}
          onClick={() => onSelect(row.original.keyId)}
        >
          {row.original.keyId}
        </button>
      ),
    },
    { id: 'aliases', header: 'Aliases', accessorFn: (r) => r.aliases.join(', ') },
    { id: 'description', header: 'Description', accessorKey: 'description' },
    { id: 'spec', header: 'Spec', accessorKey: 'spec' },
    { id: 'usage', header: 'Usage', accessorKey: 'usage' },
    {
      id: 'state',
      header: 'State',
      accessorKey: 'state',
      cell: ({ row }) => (
        <span className={`state state-${row.original.state.toLowerCase()}`}>{row.original.state}</span>
      ),
    },
    {
      id: 'created',
      header: 'Created',
      accessorKey: 'created',
      cell: ({ row }) => new Date(row.original.created).toLocaleString(),
    },
    {
      id: 'tags',
      header: 'Tags',
      accessorFn: (r) =>
        Object.entries(r.tags)
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
      enableSorting: false,
    },
  ];
}

export function KeysTable({ rows, loading, error, selectedKeyId, onSelect, onRefresh }: KeysTableProps) {
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const [sorting, setSorting] = useState<SortingState>([]);
  const scroller = useRef<HTMLDivElement>(null);
  const id = useId();
  const filtered = useMemo(
    () => (deferredFilter.trim() ? rows.filter((row) => rowMatches(row, deferredFilter)) : rows),
    [rows, deferredFilter],
  );
  const sorted = useMemo(() => sortRows(filtered, sorting), [filtered, sorting]);
  const columnDefs = useMemo(() => columns(selectedKeyId, onSelect), [selectedKeyId, onSelect]);
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Before the first layout (and in tests without layout) render a first screenful.
    initialRect: { width: 1000, height: 480 },
  });
  const items = virtualizer.getVirtualItems();
  // Only the rows in view go through the table: sorting and filtering already happened on the plain rows.
  const windowRows = useMemo(() => items.map((item) => sorted[item.index]!), [items, sorted]);
  const table = useReactTable({
    data: windowRows,
    columns: columnDefs,
    state: { sorting },
    onSortingChange: setSorting,
    manualSorting: true,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.arn || row.keyId,
  });
  const tableRows = table.getRowModel().rows;
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const columnCount = columnDefs.length;

  return (
    <section className="panel keys-panel" aria-labelledby={`${id}-heading`}>
      <div className="panel-header">
        <h2 id={`${id}-heading`}>Keys</h2>
        <span className="muted" aria-live="polite">
          {filtered.length === rows.length
            ? `${rows.length} keys`
            : `${filtered.length} of ${rows.length} keys`}
        </span>
        <label className="inline" htmlFor={`${id}-filter`}>
          Filter keys
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          value={filter}
          placeholder="id, alias, spec, state, tag…"
          onChange={(e) => setFilter(e.target.value)}
        />
        <button type="button" className="secondary" onClick={onRefresh} disabled={loading}>
          {loading ? 'Loading…' : 'Refresh'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="table-scroll" ref={scroller}>
        <table aria-labelledby={`${id}-heading`} aria-rowcount={sorted.length + 1}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                      }
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="sort"
                          onClick={header.column.getToggleSortingHandler()}
                          title={`Sort by ${String(header.column.columnDef.header)}`}
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden="true">
                            {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                          </span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 && !loading && (
              <tr>
                <td colSpan={columnCount} className="empty">
                  No keys yet — create one with the form.
                </td>
              </tr>
            )}
            {top > 0 && (
              <tr aria-hidden="true" className="spacer">
                <td colSpan={columnCount} style={{ height: top }} />
              </tr>
            )}
            {items.map((item, i) => {
              const row = tableRows[i]!;
              return (
                <tr
                  key={row.id}
                  aria-rowindex={item.index + 2}
                  className={row.original.keyId === selectedKeyId ? 'selected' : undefined}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ))}
                </tr>
              );
            })}
            {bottom > 0 && (
              <tr aria-hidden="true" className="spacer">
                <td colSpan={columnCount} style={{ height: bottom }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
