import { ConfigBanner } from "@/components/config-banner";
import { ProfileForm } from "@/components/profile-form";
import { SiteHeader } from "@/components/site-header";

export default function HomePage() {
  return (
    <>
      <SiteHeader />
      <main className="page">
        <ConfigBanner />
        <div className="layout">
          <ProfileForm />
        </div>
      </main>
    </>
  );
}
