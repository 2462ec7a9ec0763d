import { ConfigBanner } from "@/components/config-banner";
import { ProfileForm } from "@/components/profile-form";
import { RunHistory } from "@/components/run-history";
import { SearchForm } from "@/components/search-form";
import { SiteHeader } from "@/components/site-header";

export default function HomePage() {
  return (
    <>
      <SiteHeader />
      <main className="page">
        <ConfigBanner />
        <div className="home-layout">
          <ProfileForm />
          <div className="home-side">
            <SearchForm />
            <RunHistory />
          </div>
        </div>
      </main>
    </>
  );
}
