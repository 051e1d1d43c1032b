import { lazy, Suspense } from 'react';
import { Layout } from './components/Layout.tsx';
import { useSession, useSignOut } from './endpoints.ts';
import { ArrangementPage } from './pages/Arrangement.tsx';
import { Arrangements } from './pages/Arrangements.tsx';
import { Explorer } from './pages/Explorer.tsx';
import { Home } from './pages/Home.tsx';
import { OperatingModelPage, OperatingModels } from './pages/OperatingModel.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { matchPath, navigate, useLocation } from './router.ts';
import type { User } from './types.ts';

/** Pages few visits need, loaded when first opened: the main script stays small for the first load. */
const CreateArrangement = lazy(async () => ({
  default: (await import('./pages/CreateArrangement.tsx')).CreateArrangement,
}));
const ChangeArrangement = lazy(async () => ({
  default: (await import('./pages/ChangeArrangement.tsx')).ChangeArrangement,
}));
const CompareVersions = lazy(async () => ({
  default: (await import('./pages/CompareVersions.tsx')).CompareVersions,
}));
// Pages that draw charts or long tables, loaded when first opened: the sign-in and home pages load alone.
const Allocation = lazy(async () => ({ default: (await import('./pages/Allocation.tsx')).Allocation }));
const BudgetPage = lazy(async () => ({ default: (await import('./pages/Budget.tsx')).BudgetPage }));
const Contract = lazy(async () => ({ default: (await import('./pages/Contract.tsx')).Contract }));
const Population = lazy(async () => ({ default: (await import('./pages/Population.tsx')).Population }));
const StoredContract = lazy(async () => ({
  default: (await import('./pages/StoredContract.tsx')).StoredContract,
}));
const Organisation = lazy(async () => ({ default: (await import('./pages/Organisation.tsx')).Organisation }));
// The operating-model editor is loaded only by those who open it.
const OperatingModelEditor = lazy(() =>
  import('./pages/operating-model/Editor.tsx').then((m) => ({ default: m.OperatingModelEditor })),
);
const NewOperatingModel = lazy(() =>
  import('./pages/operating-model/NewModel.tsx').then((m) => ({ default: m.NewModel })),
);

export function App() {
  const session = useSession();
  const signOut = useSignOut();
  const url = useLocation();
  const user = session.data ?? null;

  let page: React.ReactNode;
  if (session.isPending) page = <p>Loading…</p>;
  else if (session.error)
    page = <p className="nhsuk-error-message">Concordat is not answering: {session.error.message}</p>;
  else if (!user) page = <SignIn />;
  else page = route(url, user);

  return (
    <Layout
      user={user}
      path={url.pathname}
      onSignOut={() => signOut.mutate(undefined, { onSettled: () => navigate('/') })}
    >
      <Suspense fallback={<p>Loading…</p>}>{page}</Suspense>
    </Layout>
  );
}

/** `/ics/new`, `/ics/{id}`, and the editor's pages under `/ics/{id|new}/edit/…`. */
function operatingModelRoute(path: string, user: User): React.ReactNode {
  const [id, edit, ...rest] = path.replace(/\/+$/, '').split('/').slice(2).map(decodeURIComponent);
  const loading = <p>Loading…</p>;
  if (id === 'new' && edit === undefined)
    return (
      <Suspense fallback={loading}>
        <NewOperatingModel user={user} />
      </Suspense>
    );
  if (id && edit === 'edit')
    return (
      <Suspense fallback={loading}>
        <OperatingModelEditor key={id} modelKey={id} rest={rest} user={user} />
      </Suspense>
    );
  if (id && edit === undefined && id !== 'new') return <OperatingModelPage key={id} id={id} user={user} />;
  return <PageNotFound />;
}

function PageNotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct.</p>
    </>
  );
}

function route(url: URL, user: User): React.ReactNode {
  const path = url.pathname;
  if (path === '/') return <Home user={user} />;
  if (path === '/explorer') return <Explorer />;
  if (path === '/arrangements') return <Arrangements user={user} />;
  if (path === '/arrangements/new') return <CreateArrangement step={undefined} user={user} />;
  const creating = matchPath('/arrangements/new/:step', path);
  if (creating) return <CreateArrangement step={creating.step} user={user} />;
  if (path === '/allocation') return <Allocation user={user} />;
  if (path === '/ics') return <OperatingModels user={user} />;
  if (path.startsWith('/ics/')) return operatingModelRoute(path, user);
  const budget = matchPath('/arrangements/:id/budget', path);
  if (budget) return <BudgetPage key={budget.id} id={budget.id as string} />;
  if (path === '/contracts') return <Contract />;
  const contract = matchPath('/contracts/:id', path);
  if (contract) return <StoredContract key={contract.id} id={contract.id as string} user={user} />;
  if (path === '/population')
    return (
      <Population
        user={user}
        icb={url.searchParams.get('icb') ?? undefined}
        kind={url.searchParams.get('kind') ?? undefined}
        area={url.searchParams.get('area') ?? undefined}
      />
    );
  const changing = matchPath('/arrangements/:id/change/:step', path);
  if (changing)
    return (
      <ChangeArrangement
        key={changing.id}
        id={changing.id as string}
        step={changing.step as string}
        user={user}
      />
    );
  const versions = matchPath('/arrangements/:id/versions', path);
  if (versions) return <CompareVersions key={versions.id} id={versions.id as string} user={user} />;
  const arrangement = matchPath('/arrangements/:id', path);
  if (arrangement) return <ArrangementPage key={arrangement.id} id={arrangement.id as string} user={user} />;
  const org = matchPath('/organisations/:code', path);
  if (org) return <Organisation code={org.code as string} kind={url.searchParams.get('kind') ?? undefined} />;
  return <PageNotFound />;
}
