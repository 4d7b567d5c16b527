/** A screen's title bar with its sections as tabs (icon and word, the open one filled). */
export function SubTabs<T extends string>({
  title,
  sections,
  value,
  onChange,
  label,
  className,
  testIdPrefix,
}: {
  title: string;
  sections: readonly { id: T; icon: string }[];
  value: T;
  onChange: (id: T) => void;
  label: (id: T) => string;
  /** Class of the row of tabs (its layout lives in the feature's css). */
  className: string;
  /** Each tab's test id is `${testIdPrefix}-${id}`. */
  testIdPrefix: string;
}) {
  return (
    <div className="toolbar">
      <h1>{title}</h1>
      <div className={className} role="tablist">
        {sections.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            aria-selected={value === s.id}
            className={value === s.id ? 'btn btn-primary btn-normal' : 'btn btn-secondary btn-normal'}
            onClick={() => onChange(s.id)}
            data-testid={`${testIdPrefix}-${s.id}`}
          >
            <span aria-hidden="true">{s.icon}</span> {label(s.id)}
          </button>
        ))}
      </div>
    </div>
  );
}
