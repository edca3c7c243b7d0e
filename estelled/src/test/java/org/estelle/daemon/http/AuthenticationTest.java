package org.estelle.daemon.http;

import org.estelle.daemon.testing.HttpProbe.Reply;
import org.estelle.daemon.testing.TestDaemon;
import org.estelle.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationTest {

    @TempDir
    Path tmp;

    @Test
    void withASecretEveryRequestNeedsTheKey() {
        Path photo = TestImages.jpeg(tmp.resolve("photos/a.jpg"), 200, 100);
        try (TestDaemon estelled = TestDaemon.start(photo.getParent(), tmp.resolve("cache"), "ESTELLE_SECRET", "s3cr3t w/ space")) {
            Reply missing = estelled.get(photo, "");
            assertThat(missing.status()).isEqualTo(403);
            assertThat(missing.body()).contains("key is missing");

            assertThat(estelled.get(photo, "key=s3cr3t").status()).isEqualTo(403);
            assertThat(estelled.queue(photo, "key=wrong").status()).isEqualTo(403);
            assertThat(estelled.get(photo, "key=" + TestDaemon.encode("s3cr3t w/ space")).status()).isEqualTo(200);
            assertThat(estelled.http.postForm("/get", "source=" + TestDaemon.encode(photo.toString())
                    + "&key=" + TestDaemon.encode("s3cr3t w/ space")).status()).isEqualTo(200);
        }
    }

    @Test
    void withoutASecretAKeyIsIgnored() {
        Path photo = TestImages.jpeg(tmp.resolve("photos/a.jpg"), 200, 100);
        try (TestDaemon estelled = TestDaemon.start(photo.getParent(), tmp.resolve("cache"))) {
            assertThat(estelled.get(photo, "").status()).isEqualTo(200);
            assertThat(estelled.get(photo, "key=anything").status()).isEqualTo(200);
        }
    }
}
