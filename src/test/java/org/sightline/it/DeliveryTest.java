package org.sightline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sightline.ops.Delivery;
import org.sightline.ops.RunSummary;

/** {@code sightline deliver}: outbox folders per group, email through a real (in-process) SMTP server, failures retried. */
class DeliveryTest {

    @TempDir
    Path tmp;

    static final YearMonth MONTH = YearMonth.of(2026, 10);

    /** Stand-ins for the PDFs the report commands write (delivery does not look inside). */
    static Path packs(Path home, YearMonth month) throws Exception {
        Path dir = home.resolve("reports").resolve(month.toString());
        Files.createDirectories(dir);
        Files.write(dir.resolve("steering-metro-city-" + month + ".pdf"), ("%PDF-1.7 metro city " + month).getBytes());
        Files.write(dir.resolve("steering-northern-shire-" + month + ".pdf"), ("%PDF-1.7 northern shire " + month).getBytes());
        Files.write(dir.resolve("site-comparison-" + month + ".pdf"), ("%PDF-1.7 comparison " + month).getBytes());
        // what a report run killed mid-write leaves behind (the temporary names of the report writers, old and new): never delivered
        Files.write(dir.resolve("steering-metro-city-" + month + ".pdf.tmp"), "%PDF-1.7 trunc".getBytes());
        Files.write(dir.resolve(".steering-northern-shire-" + month + ".pdf.tmp"), "%PDF-1.7 trunc".getBytes());
        return dir;
    }

    static List<String> list(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return List.of();
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void eachGroupGetsItsPacksInItsOutboxOnce() throws Exception {
        Path home = tmp.resolve("home");
        Path reports = packs(home, MONTH);
        String jobs = Path.of("jobs").toAbsolutePath().toString();
        Cli.Result r = Cli.run("deliver", "--home", home.toString(), "--jobs", jobs, "--month", MONTH.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Path outbox = home.resolve("outbox");
        assertThat(list(outbox.resolve("metro-city").resolve("2026-10"))).containsExactly("site-comparison-2026-10.pdf", "steering-metro-city-2026-10.pdf");
        assertThat(list(outbox.resolve("northern-shire").resolve("2026-10"))).containsExactly("site-comparison-2026-10.pdf", "steering-northern-shire-2026-10.pdf");
        assertThat(list(outbox.resolve("isolated-coastal").resolve("2026-10"))).containsExactly("site-comparison-2026-10.pdf");
        assertThat(list(outbox.resolve("programme-board").resolve("2026-10"))).hasSize(3);
        assertThat(Files.readAllBytes(outbox.resolve("metro-city/2026-10/steering-metro-city-2026-10.pdf")))
                .isEqualTo(Files.readAllBytes(reports.resolve("steering-metro-city-2026-10.pdf")));

        // nothing new: nothing delivered again
        Cli.Result again = Cli.run("deliver", "--home", home.toString(), "--jobs", jobs, "--month", MONTH.toString());
        assertThat(again.out()).contains("nothing to deliver");

        // a regenerated pack goes to the groups that get it, and only to them
        Files.write(reports.resolve("steering-metro-city-2026-10.pdf"), "%PDF-1.7 metro city, corrected".getBytes());
        Cli.Result redo = Cli.run("deliver", "--home", home.toString(), "--jobs", jobs, "--month", MONTH.toString());
        assertThat(redo.exit()).isZero();
        List<Delivery.Attempt> last = RunSummary.recent(home, 1).get(0).deliveries();
        assertThat(last).extracting(Delivery.Attempt::group).containsExactlyInAnyOrder("metro-city", "programme-board");
        assertThat(Files.readString(outbox.resolve("metro-city/2026-10/steering-metro-city-2026-10.pdf"))).contains("corrected");
    }

    private Path jobsWithSmtp(int port, String security) throws Exception {
        Path jobs = TestFiles.jobsCopy(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("delivery.yml"), """
                attempts: 2
                retry_delay_seconds: 0
                smtp:
                  host: localhost
                  port: %d
                  security: %s
                  trust: "*"
                  username: sightline
                  password_file: secrets/smtp-password
                  from: sightline@example.org
                  timeout_seconds: 10
                groups:
                  - name: metro-city
                    sites: [METRO_CITY]
                    files: ["*comparison*"]
                    email: [chair@metro.example, yos@metro.example]
                """.formatted(port, security));
        return jobs;
    }

    private static void password(Path home) throws Exception {
        Files.createDirectories(home.resolve("secrets"));
        Files.writeString(home.resolve("secrets/smtp-password"), "s3cret\n");
    }

    @Test
    void emailsTheGroupItsPacksOverTlsWithAuthentication() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("sightline@example.org", "sightline", "s3cret"));
        smtp.start();
        try {
            Path home = tmp.resolve("home");
            Path reports = packs(home, MONTH);
            password(home);
            Path jobs = jobsWithSmtp(smtp.getSmtps().getPort(), "tls");
            Cli.Result r = Cli.run("deliver", "--home", home.toString(), "--jobs", jobs.toString(), "--month", MONTH.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("DELIVERED 2026-10 email -> metro-city (2 files, 2 recipients)");
            assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
            MimeMessage[] got = smtp.getReceivedMessages();
            assertThat(got).hasSize(2);   // one copy per recipient
            MimeMessage m = got[0];
            assertThat(m.getSubject()).isEqualTo("Sightline monthly packs for metro-city: 2026-10");
            assertThat(m.getFrom()[0].toString()).isEqualTo("sightline@example.org");
            Map<String, byte[]> attachments = attachments(m);
            assertThat(attachments.keySet()).containsExactly("site-comparison-2026-10.pdf", "steering-metro-city-2026-10.pdf");
            assertThat(attachments.get("steering-metro-city-2026-10.pdf")).isEqualTo(Files.readAllBytes(reports.resolve("steering-metro-city-2026-10.pdf")));
            assertThat(home.resolve("outbox/metro-city/2026-10/steering-metro-city-2026-10.pdf")).exists();

            // a wrong password is a failed delivery, reported, not a silent one
            smtp.getUserManager().getUser("sightline").setPassword("changed");
            Files.write(reports.resolve("site-comparison-2026-10.pdf"), "%PDF-1.7 comparison v2".getBytes());
            Cli.Result wrong = Cli.run("deliver", "--home", home.toString(), "--jobs", jobs.toString(), "--month", MONTH.toString());
            assertThat(wrong.exit()).isEqualTo(1);
            assertThat(wrong.out()).contains("FAILED    2026-10 email -> metro-city");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aFailedDeliveryIsRetriedAndReportedUntilItSucceeds() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();   // nothing listens here once closed: the mail server is "down"
        }
        Path home = tmp.resolve("home");
        YearMonth last = YearMonth.now().minusMonths(1);   // what deliver picks by default
        packs(home, last);
        password(home);
        Path jobs = jobsWithSmtp(port, "none");

        Cli.Result down = Cli.run("deliver", "--home", home.toString(), "--jobs", jobs.toString());
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.out()).contains("DELIVERED " + last + " outbox -> metro-city").contains("FAILED    " + last + " email -> metro-city");
        Delivery.Attempt failed = RunSummary.recent(home, 1).get(0).deliveries().stream().filter(a -> !a.delivered()).findFirst().orElseThrow();
        assertThat(failed.tries()).as("tried again within the run").isEqualTo(2);
        assertThat(failed.error()).isNotBlank();
        // status needs a Sightline home (a lake manifest); this one has packs but nothing ingested
        new org.sightline.lake.Lake(home).commit(new org.sightline.lake.Manifest());
        Cli.Result status = Cli.run("status", "--home", home.toString(), "--jobs", jobs.toString());
        assertThat(status.out()).contains("Deliveries: 1 failing").contains("email -> metro-city");

        // the server comes back: the next run delivers what is owed, once
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("sightline@example.org", "sightline", "s3cret"));
        smtp.start();
        try {
            Cli.Result up = Cli.run("deliver", "--home", home.toString(), "--jobs", jobs.toString());
            assertThat(up.exit()).as(up.out()).isZero();
            assertThat(up.out()).contains("DELIVERED " + last + " email -> metro-city").doesNotContain("outbox");
            assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
            Cli.Result after = Cli.run("deliver", "--home", home.toString(), "--jobs", jobs.toString());
            assertThat(after.out()).contains("nothing to deliver");
            assertThat(smtp.getReceivedMessages()).hasSize(2);
            assertThat(Delivery.undelivered(home)).isEmpty();
        } finally {
            smtp.stop();
        }
    }

    @Test
    void starttlsIsRequiredWhenConfigured() throws Exception {
        // a server that does not offer STARTTLS: nothing is sent, credentials never go in clear text
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("sightline@example.org", "sightline", "s3cret"));
        smtp.start();
        try {
            Path home = tmp.resolve("home");
            packs(home, MONTH);
            password(home);
            Path jobs = jobsWithSmtp(smtp.getSmtp().getPort(), "starttls");
            Cli.Result r = Cli.run("deliver", "--home", home.toString(), "--jobs", jobs.toString(), "--month", MONTH.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).containsPattern("FAILED +2026-10 email -> metro-city .*STARTTLS");
            assertThat(smtp.getReceivedMessages()).isEmpty();
        } finally {
            smtp.stop();
        }
    }

    static Map<String, byte[]> attachments(MimeMessage m) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        Multipart mp = (Multipart) m.getContent();
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < mp.getCount(); i++) parts.add(mp.getBodyPart(i));
        for (Part p : parts) {
            if (!Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) continue;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            p.getDataHandler().writeTo(bytes);
            out.put(p.getFileName(), bytes.toByteArray());
        }
        return out;
    }
}
