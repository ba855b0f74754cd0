package dev.keyward.support.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Debian's headless Chromium with a virtual platform authenticator (a passkey store with user verification),
 * started without Selenium Manager so nothing is downloaded.
 */
public final class Browser implements AutoCloseable {

    private final ChromeDriver driver;
    private VirtualAuthenticator authenticator;
    private final String baseUrl;

    public Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        System.setProperty("SE_OFFLINE", "true");
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900",
                    "--user-data-dir=" + Files.createTempDirectory("keyward-chrome"));
            var service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        authenticator = newAuthenticator();
    }

    /** Makes this tab's pages see {@code zoneId} as the browser's time zone (as a person abroad would). */
    public void useTimeZone(String zoneId) {
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zoneId));
    }

    /** Swaps in a new, empty authenticator, as if the person picked up a second device. */
    public void switchToNewAuthenticator() {
        ((HasVirtualAuthenticator) driver).removeVirtualAuthenticator(authenticator);
        authenticator = newAuthenticator();
    }

    /**
     * Swaps in an authenticator with the same passkeys that refuses every request, as a person who cancels the
     * passkey prompt.
     */
    public void cancelEveryPasskeyPrompt() {
        List<Credential> kept = passkeys();
        ((HasVirtualAuthenticator) driver).removeVirtualAuthenticator(authenticator);
        authenticator = ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(options(false));
        kept.forEach(this::importPasskey);
    }

    private VirtualAuthenticator newAuthenticator() {
        return ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(options(true));
    }

    private static VirtualAuthenticatorOptions options(boolean consenting) {
        return new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(consenting)
                .setIsUserConsenting(consenting);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(baseUrl + path);
    }

    /** The passkeys this browser's authenticator holds. */
    public List<Credential> passkeys() {
        return authenticator.getCredentials();
    }

    /** Puts a passkey from another browser into this one, as if the same device were used. */
    public void importPasskey(Credential credential) {
        authenticator.addCredential(Credential.createResidentCredential(credential.getId(), credential.getRpId(),
                credential.getPrivateKey(), credential.getUserHandle(), credential.getSignCount()));
    }

    /** Saves a screenshot under target/screenshots (for the docs and for diagnosing failures). */
    public Path screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
