/** Under the search box: why the search as typed is not applied, and what the list shows instead. */
export function SearchProblem({ errors, applied }: { errors: readonly string[]; applied: string }) {
  return (
    <div className="search-problem" role="alert" aria-label="Search problem">
      {errors.map((e) => <div key={e} className="error-text">{e}</div>)}
      <div className="muted small">Not applied: the list shows {applied ? <>the search “<span className="mono">{applied}</span>”</> : 'every event the other filters let through'}.</div>
    </div>
  );
}
