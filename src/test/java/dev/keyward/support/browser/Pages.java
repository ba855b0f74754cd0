package dev.keyward.support.browser;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page objects for Keyward's Vaadin views: they act and read, tests assert. */
public final class Pages {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Pages() {
    }

    static WebElement await(Browser browser, By by) {
        return new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    static void type(WebElement vaadinField, String text) {
        WebElement input = vaadinField.findElement(By.cssSelector("input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    /** The sign-in page. */
    public record LoginPage(Browser browser) {

        public static LoginPage open(Browser browser) {
            browser.open("/login");
            await(browser, By.id("passkey-sign-in"));
            return new LoginPage(browser);
        }

        public void signInWithPassword(String username, String password) {
            type(await(browser, By.id("vaadinLoginUsername")), username);
            WebElement passwordField = await(browser, By.id("vaadinLoginPassword"));
            type(passwordField, password);
            passwordField.findElement(By.cssSelector("input")).sendKeys(Keys.ENTER);
        }

        public void signInWithPasskey() {
            await(browser, By.id("passkey-sign-in")).click();
        }

        public boolean showsDemoHint() {
            return !browser.driver().findElements(By.id("demo-hint")).isEmpty();
        }
    }

    /** The forced passkey enrolment after a first password sign-in. */
    public record PasskeyEnrollmentPage(Browser browser) {

        public static PasskeyEnrollmentPage await(Browser browser) {
            Pages.await(browser, By.id("create-passkey"));
            return new PasskeyEnrollmentPage(browser);
        }

        public String path() {
            return browser.driver().getCurrentUrl();
        }

        public void createPasskey(String label) {
            type(Pages.await(browser, By.id("passkey-label")), label);
            Pages.await(browser, By.id("create-passkey")).click();
        }
    }

    /** The dashboard inside the main layout. */
    public record HomePage(Browser browser) {

        public static HomePage await(Browser browser) {
            Pages.await(browser, By.id("home-greeting"));
            return new HomePage(browser);
        }

        public String greeting() {
            return Pages.await(browser, By.id("home-greeting")).getText();
        }

        public String signedInAs() {
            return Pages.await(browser, By.id("signed-in-as")).getText();
        }

        public void signOut() {
            Pages.await(browser, By.id("sign-out")).click();
            Pages.await(browser, By.id("passkey-sign-in"));
        }
    }
}
