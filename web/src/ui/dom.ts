// A tiny element builder: the app has no framework, to stay small.
type Attrs = Record<string, string | boolean | ((e: Event) => void)>;

export function h(tag: string, attrs: Attrs = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else if (v !== false) el.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export function replace(parent: HTMLElement, ...children: (Node | string | null | false)[]) {
  parent.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== false));
}
