package dev.keyward.support.browser;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
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

    /** The error shown at a Vaadin field once it is marked invalid (waits for it). */
    static String fieldError(Browser browser, WebElement field) {
        new WebDriverWait(browser.driver(), WAIT).until(d -> field.getDomAttribute("invalid") != null);
        return field.getDomProperty("errorMessage");
    }

    /** A new browser in which {@code username} signs in with the password and enrols a passkey on its authenticator. */
    public static Browser signedInEnrolling(String baseUrl, String username, String password) {
        Browser browser = new Browser(baseUrl);
        LoginPage.open(browser).signInWithPassword(username, password);
        PasskeyEnrollmentPage.await(browser).createPasskey("Laptop");
        HomePage.await(browser);
        return browser;
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

        public String passkeyStatus() {
            return await(browser, By.id("passkey-status")).getText();
        }

        public void cancelPasskey() {
            await(browser, By.id("passkey-cancel")).click();
        }

        /** What the page says went wrong with the passkey (waits until it says so). */
        public String passkeyProblem() {
            WebElement status = await(browser, By.id("passkey-status"));
            new WebDriverWait(browser.driver(), WAIT).until(d -> status.getDomAttribute("class") != null
                    && status.getDomAttribute("class").contains("kw-form-error"));
            return status.getText();
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

        /** The titles in the side menu. */
        public String menuText() {
            return Pages.await(browser, By.id("main-menu")).getText();
        }

        public void signOut() {
            Pages.await(browser, By.id("sign-out")).click();
            Pages.await(browser, By.id("passkey-sign-in"));
        }
    }

    /** My security: passkeys and personal API tokens. */
    public record MySecurityPage(Browser browser) {

        public static MySecurityPage open(Browser browser) {
            browser.open("/my-security");
            Pages.await(browser, By.id("passkeys"));
            return new MySecurityPage(browser);
        }

        /** The text of the passkey grid's cells (names, dates, ...). */
        public String passkeysText() {
            return gridText("passkeys");
        }

        public String tokensText() {
            return gridText("api-tokens");
        }

        public void renameFirstPasskey(String name) {
            gridButton("passkeys", "Rename").click();
            WebElement field = Pages.await(browser, By.cssSelector("vaadin-dialog-overlay vaadin-text-field"));
            type(field, name);
            Pages.await(browser, By.xpath("//vaadin-dialog-overlay//vaadin-button[normalize-space()='Save']")).click();
            waitUntilGridContains("passkeys", name);
        }

        public void addPasskey(String name) {
            type(Pages.await(browser, By.id("new-passkey-label")), name);
            Pages.await(browser, By.id("add-passkey")).click();
            waitUntilGridContains("passkeys", name);
        }

        public void removeFirstPasskey() {
            String before = passkeysText();
            gridButton("passkeys", "Remove").click();
            Pages.await(browser, By.cssSelector("vaadin-confirm-dialog-overlay vaadin-button[slot='confirm-button']"))
                    .click();
            new WebDriverWait(browser.driver(), WAIT).until(d -> !passkeysText().equals(before));
        }

        public boolean canRemoveFirstPasskey() {
            return gridButton("passkeys", "Remove").getDomAttribute("disabled") == null;
        }

        /** Creates a token and returns the secret shown once. */
        public String createToken(String name, int days) {
            type(Pages.await(browser, By.id("token-name")), name);
            type(Pages.await(browser, By.id("token-days")), String.valueOf(days));
            Pages.await(browser, By.id("create-token")).click();
            String secret = Pages.await(browser, By.id("token-secret")).getText();
            Pages.await(browser, By.xpath("//vaadin-dialog-overlay//vaadin-button[normalize-space()='Done']")).click();
            waitUntilGridContains("api-tokens", name);
            return secret;
        }

        public void revokeFirstToken() {
            gridButton("api-tokens", "Revoke").click();
            Pages.await(browser, By.cssSelector("vaadin-confirm-dialog-overlay vaadin-button[slot='confirm-button']"))
                    .click();
            waitUntilGridContains("api-tokens", "Revoked");
        }

        private String gridText(String id) {
            return Pages.await(browser, By.id(id)).findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                    .map(WebElement::getText).reduce("", (a, b) -> a + " | " + b);
        }

        private WebElement gridButton(String gridId, String text) {
            return new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElement(By.id(gridId))
                    .findElements(By.xpath(".//vaadin-button[normalize-space(text())='" + text + "']")).stream()
                    .findFirst().orElse(null));
        }

        private void waitUntilGridContains(String gridId, String text) {
            new WebDriverWait(browser.driver(), WAIT).until(d -> gridText(gridId).contains(text));
        }
    }

    /** The people directory. */
    public record PeoplePage(Browser browser) {

        public static PeoplePage open(Browser browser) {
            browser.open("/people");
            Pages.await(browser, By.id("people"));
            return new PeoplePage(browser);
        }

        public void search(String term) {
            type(Pages.await(browser, By.id("people-search")), term);
            new WebDriverWait(browser.driver(), WAIT).until(d -> rowsText().contains(term));
        }

        public String rowsText() {
            return Pages.await(browser, By.id("people")).findElements(By.cssSelector("vaadin-grid-cell-content"))
                    .stream().map(WebElement::getText).reduce("", (a, b) -> a + " | " + b);
        }

        /**
         * Opens the first person's Edit dialog, ticks {@code role}, says why and saves; waits until the row shows
         * the role as awaiting approval.
         */
        public void requestRole(String role, String reason) {
            new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElement(By.id("people"))
                    .findElements(By.xpath(".//vaadin-button[normalize-space(text())='Edit']")).stream()
                    .filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
            new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElement(By.id("person-roles"))
                    .findElements(By.cssSelector("vaadin-checkbox")).stream()
                    .filter(c -> c.getText().equals(role)).findFirst().orElse(null)).click();
            Pages.await(browser, By.id("role-reason")).findElement(By.cssSelector("textarea")).sendKeys(reason);
            Pages.await(browser, By.id("person-save")).click();
            new WebDriverWait(browser.driver(), WAIT).until(d -> rowsText().contains(role + " · pending"));
        }

        public void unlockFirst() {
            new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElement(By.id("people"))
                    .findElements(By.xpath(".//vaadin-button[normalize-space(text())='Unlock']")).stream()
                    .filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
            new WebDriverWait(browser.driver(), WAIT).until(d -> !rowsText().contains("Locked"));
        }
    }

    /** The audit log view. */
    public record AuditLogPage(Browser browser) {

        public static AuditLogPage open(Browser browser) {
            browser.open("/audit");
            Pages.await(browser, By.id("audit-entries"));
            return new AuditLogPage(browser);
        }

        public String rowsText() {
            return Pages.await(browser, By.id("audit-entries")).findElements(By.cssSelector("vaadin-grid-cell-content"))
                    .stream().map(WebElement::getText).reduce("", (a, b) -> a + " | " + b);
        }

        public void filterByActor(String actor) {
            type(Pages.await(browser, By.id("filter-actor")), actor);
            Pages.await(browser, By.id("apply-filters")).click();
        }

        public void filterByAction(String action) {
            type(Pages.await(browser, By.id("filter-action")), action);
            Pages.await(browser, By.id("apply-filters")).click();
        }

        /** Waits until the grid shows {@code text}; returns whether it did. */
        public boolean showsWithin(String text, Duration wait) {
            try {
                new WebDriverWait(browser.driver(), wait).until(d -> rowsText().contains(text));
                return true;
            } catch (org.openqa.selenium.TimeoutException e) {
                return false;
            }
        }

        /** Runs verification and returns the status line once it has a verdict. */
        public String verify() {
            Pages.await(browser, By.id("verify-chain")).click();
            return new WebDriverWait(browser.driver(), WAIT).until(d -> {
                String text = d.findElement(By.id("verification-status")).getText();
                return text.startsWith("Verified") || text.startsWith("TAMPERING") ? text : null;
            });
        }

        /** Downloads an export through the browser's own session and returns its text. */
        public String download(String anchorId) {
            String href = Pages.await(browser, By.id(anchorId)).getDomProperty("href");
            Object text = browser.driver().executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done)"
                            + ".catch(e => done('ERROR ' + e));", href);
            return String.valueOf(text);
        }
    }

    /** The key inventory. */
    public record KeysPage(Browser browser) {

        public static KeysPage open(Browser browser) {
            browser.open("/keys");
            Pages.await(browser, By.id("keys"));
            return new KeysPage(browser);
        }

        public String rowsText() {
            return Pages.await(browser, By.id("keys")).findElements(By.cssSelector("vaadin-grid-cell-content"))
                    .stream().map(WebElement::getText).reduce("", (a, b) -> a + " | " + b);
        }

        public void create(String alias, String owner) {
            Pages.await(browser, By.id("create-key")).click();
            type(Pages.await(browser, By.id("new-key-alias")), alias);
            type(Pages.await(browser, By.id("new-key-owner")), owner);
            Pages.await(browser, By.id("save-key")).click();
            search(alias);
        }

        /** Narrows the grid to keys whose alias or description contains {@code term}. */
        public void search(String term) {
            type(Pages.await(browser, By.id("key-search")), term);
            new WebDriverWait(browser.driver(), WAIT).until(d -> rowsText().contains(term));
        }

        /** The text of the row cells that follow {@code alias} (its algorithm, state, KCV ...). */
        public String row(String alias) {
            String text = rowsText();
            int at = text.indexOf(" | " + alias + " | ");
            return at < 0 ? "" : text.substring(at, Math.min(text.length(), at + 250));
        }

        public void openDetail(String alias) {
            search(alias);
            new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElement(By.id("keys"))
                    .findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                    .filter(c -> c.getText().equals(alias)).findFirst().orElse(null)).click();
            Pages.await(browser, By.id("key-detail-state"));
        }

        public boolean offers(String moveId) {
            return !browser.driver().findElements(By.id(moveId)).isEmpty();
        }

        /** In the open detail: the text of the element with {@code id}, scrolled into view. */
        public String text(String id) {
            WebElement element = Pages.await(browser, By.id(id));
            browser.driver().executeScript("arguments[0].scrollIntoView();", element);
            return element.getText();
        }

        /** In the open detail: asks for a rotation with a reason; waits until the detail has closed. */
        public void requestRotation(String reason) {
            Pages.await(browser, By.id("request-rotation")).click();
            Pages.await(browser, By.id("rotation-reason")).findElement(By.cssSelector("textarea")).sendKeys(reason);
            Pages.await(browser, By.id("confirm-rotation")).click();
            new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("key-detail-state")));
        }

        /**
         * In the open detail: asks to destroy the key waiting {@code days} days; the detail reopens with where the
         * destruction stands.
         */
        public void requestDestruction(String reason, int days) {
            Pages.await(browser, By.id("request-destruction")).click();
            Pages.await(browser, By.id("destruction-reason")).findElement(By.cssSelector("textarea")).sendKeys(reason);
            type(Pages.await(browser, By.id("destruction-waiting-days")), Integer.toString(days));
            Pages.await(browser, By.id("confirm-destruction")).click();
            Pages.await(browser, By.id("key-destruction"));
        }

        /** In the open detail: tries a waiting period the service refuses; returns the error at the field, then cancels. */
        public String requestDestructionRefused(String reason, int days) {
            Pages.await(browser, By.id("request-destruction")).click();
            Pages.await(browser, By.id("destruction-reason")).findElement(By.cssSelector("textarea")).sendKeys(reason);
            WebElement field = Pages.await(browser, By.id("destruction-waiting-days"));
            type(field, Integer.toString(days));
            Pages.await(browser, By.id("confirm-destruction")).click();
            String error = fieldError(browser, field);
            browser.driver().findElement(By.xpath("//vaadin-dialog-overlay[.//*[@id='destruction-reason']]"
                    + "//vaadin-button[normalize-space()='Cancel']")).click();
            new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("destruction-reason")));
            return error;
        }

        /**
         * In the open detail: asks to retire {@code version}, with an override when the dialog says it is still in use
         * (screenshot {@code shot} of the dialog); returns the versions grid of the reopened detail.
         */
        public String retireVersion(int version, String reason, String override, String shot) {
            WebElement before = Pages.await(browser, By.id("key-versions"));
            Pages.await(browser, By.id("retire-v" + version)).click();
            Pages.await(browser, By.id("retirement-reason")).findElement(By.cssSelector("textarea")).sendKeys(reason);
            if (!browser.driver().findElements(By.id("retirement-in-use")).isEmpty()) {
                Pages.await(browser, By.id("retirement-override")).findElement(By.cssSelector("textarea")).sendKeys(override);
            }
            browser.screenshot(shot);
            Pages.await(browser, By.id("confirm-retirement")).click();
            new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.stalenessOf(before));
            return gridText(browser, "key-versions");
        }

        /** In the open detail: where the key's destruction stands. */
        public String destructionText() {
            WebElement section = Pages.await(browser, By.id("key-destruction"));
            browser.driver().executeScript("arguments[0].scrollIntoView();", section);
            return section.getText();
        }

        /** In the open detail: the rotation period and due date. */
        public String rotationScheduleText() {
            return Pages.await(browser, By.id("rotation-schedule")).getText();
        }

        /** In the open detail: tries a period the service refuses; returns the error at the field, then cancels. */
        public String changeRotationPeriodRefused(int days) {
            Pages.await(browser, By.id("change-rotation-period")).click();
            WebElement field = Pages.await(browser, By.id("rotation-period-days"));
            type(field, Integer.toString(days));
            Pages.await(browser, By.id("save-rotation-period")).click();
            String error = fieldError(browser, field);
            browser.driver().findElement(By.xpath("//vaadin-button[normalize-space(text())='Cancel']")).click();
            new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("rotation-period-days")));
            return error;
        }

        /** In the open detail: sets the period; returns the schedule line of the detail, which reopens with it. */
        public String changeRotationPeriod(int days) {
            WebElement before = Pages.await(browser, By.id("rotation-schedule"));
            Pages.await(browser, By.id("change-rotation-period")).click();
            type(Pages.await(browser, By.id("rotation-period-days")), Integer.toString(days));
            Pages.await(browser, By.id("save-rotation-period")).click();
            new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.stalenessOf(before));
            return rotationScheduleText();
        }

        /** In the open detail: the rotation log's rows. */
        /** Withdraws the viewer's own pending request {@code approvalId} from the open detail, confirming it. */
        public void withdraw(String approvalId) {
            WebElement button = Pages.await(browser, By.id("withdraw-" + approvalId));
            browser.driver().executeScript("arguments[0].scrollIntoView(); arguments[0].click();", button);
            Pages.await(browser, By.cssSelector("vaadin-confirm-dialog-overlay vaadin-button[slot='confirm-button']")).click();
            new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElements(By.id("withdraw-" + approvalId)).isEmpty());
        }

        public String rotationsText() {
            WebElement grid = Pages.await(browser, By.id("key-rotations"));
            browser.driver().executeScript("arguments[0].scrollIntoView();", grid);
            return grid.findElements(By.cssSelector("vaadin-grid-cell-content")).stream().map(WebElement::getText)
                    .reduce("", (a, b) -> a + " | " + b);
        }

        public void move(String moveId, String reason) {
            Pages.await(browser, By.id(moveId)).click();
            WebElement area = Pages.await(browser, By.id("transition-reason"));
            area.findElement(By.cssSelector("textarea")).sendKeys(reason);
            Pages.await(browser, By.id("confirm-transition")).click();
        }

        /** Tries to create a key the service refuses; returns the error shown at {@code fieldId}, then closes the form. */
        public String createRefused(String alias, String owner, String fieldId) {
            Pages.await(browser, By.id("create-key")).click();
            type(Pages.await(browser, By.id("new-key-alias")), alias);
            type(Pages.await(browser, By.id("new-key-owner")), owner);
            Pages.await(browser, By.id("save-key")).click();
            String error = fieldError(browser, Pages.await(browser, By.id(fieldId)));
            new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
            new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("save-key")));
            return error;
        }

        /** Opens a key's detail from the keyboard: its row focused, then Enter. Returns the detail's header. */
        public String openDetailWithKeyboard(String alias) {
            search(alias);
            WebElement grid = Pages.await(browser, By.id("keys"));
            browser.driver().executeScript("[...arguments[0].shadowRoot.querySelectorAll('#items tr')]"
                    + ".filter(row => !row.hidden).map(row => row.querySelector('td'))"
                    + ".find(td => td && td.querySelector('slot').assignedNodes()[0].textContent.trim() === arguments[1])"
                    + ".focus();", grid, alias);
            new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
            Pages.await(browser, By.id("key-detail-state"));
            return browser.driver().findElement(By.tagName("vaadin-dialog")).getDomProperty("headerTitle");
        }

        /** Whether the alias cell shows the whole alias (nothing cut off with "..."). */
        public boolean showsWholeAlias(String alias) {
            search(alias);
            WebElement cell = Pages.await(browser, By.id("keys")).findElements(By.cssSelector("vaadin-grid-cell-content"))
                    .stream().filter(c -> c.getText().equals(alias)).findFirst().orElseThrow();
            return (Boolean) browser.driver().executeScript(
                    "return arguments[0].scrollWidth <= arguments[0].clientWidth && arguments[0].getBoundingClientRect().right"
                            + " <= window.innerWidth;", cell);
        }

        public void waitForState(String alias, String state) {
            new WebDriverWait(browser.driver(), WAIT).until(d -> row(alias).contains(state));
        }
    }

    /** Request access: the policy acknowledgement, then the form. */
    public record RequestAccessPage(Browser browser) {

        /** Opens the form with the key chosen, as the key detail's "Request access" does. */
        public static RequestAccessPage openFor(Browser browser, String alias) {
            browser.open("/request-access?key=" + alias);
            return awaitKey(browser, alias);
        }

        /** Opens the form with the key chosen and the request made for one of the person's service accounts. */
        public static RequestAccessPage openFor(Browser browser, String alias, String serviceAccount) {
            browser.open("/request-access?key=" + alias + "&for=" + serviceAccount);
            new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElement(By.id("request-beneficiary"))
                    .getText().contains(serviceAccount));
            return awaitKey(browser, alias);
        }

        private static RequestAccessPage awaitKey(Browser browser, String alias) {
            new WebDriverWait(browser.driver(), WAIT).until(d -> alias.equals(
                    d.findElement(By.id("request-key")).findElement(By.cssSelector("input")).getDomProperty("value").split(" ")[0]));
            return new RequestAccessPage(browser);
        }

        public boolean asksForPolicyAcknowledgement() {
            return browser.driver().findElements(By.id("acknowledge-policy")).stream().anyMatch(WebElement::isDisplayed);
        }

        public void acknowledgePolicy() {
            Pages.await(browser, By.id("acknowledge-policy")).click();
            new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("acknowledge-policy")));
        }

        public static RequestAccessPage open(Browser browser) {
            browser.open("/request-access");
            Pages.await(browser, By.id("request-key"));
            return new RequestAccessPage(browser);
        }

        public void submit() {
            Pages.await(browser, By.id("submit-request")).click();
        }

        /** The error shown at a field once it is marked invalid (waits for it), e.g. {@code request-key}. */
        public String errorAt(String fieldId) {
            return fieldError(browser, Pages.await(browser, By.id(fieldId)));
        }

        /** Fills in and submits the form for the key already chosen. */
        public void request(String permission, String justification) {
            new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElement(By.id("request-permissions"))
                    .findElements(By.cssSelector("vaadin-checkbox")).stream()
                    .filter(c -> c.getText().equals(permission)).findFirst().orElse(null)).click();
            Pages.await(browser, By.id("request-justification")).findElement(By.cssSelector("textarea")).sendKeys(justification);
            Pages.await(browser, By.id("submit-request")).click();
        }
    }

    /** My requests, and one request's detail. */
    public record MyRequestsPage(Browser browser) {

        public static MyRequestsPage open(Browser browser) {
            browser.open("/my-requests");
            Pages.await(browser, By.id("my-requests"));
            return new MyRequestsPage(browser);
        }

        public static MyRequestsPage await(Browser browser) {
            Pages.await(browser, By.id("my-requests"));
            return new MyRequestsPage(browser);
        }

        public String rowsText() {
            return Pages.await(browser, By.id("my-requests")).findElements(By.cssSelector("vaadin-grid-cell-content"))
                    .stream().map(WebElement::getText).reduce("", (a, b) -> a + " | " + b);
        }

        /** Opens the first request for {@code alias} and returns what its signature badge says. */
        public String openAndReadSignatures(String alias) {
            new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElement(By.id("my-requests"))
                    .findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                    .filter(c -> c.getText().equals(alias)).findFirst().orElse(null)).click();
            return Pages.await(browser, By.id("signatures-verified")).getText();
        }
    }

    /** The approver's inbox. */
    public record ApprovalsPage(Browser browser) {

        public static ApprovalsPage open(Browser browser) {
            browser.open("/approvals");
            Pages.await(browser, By.id("approval-items"));
            return new ApprovalsPage(browser);
        }

        public String waitingCount() {
            return Pages.await(browser, By.id("notification-count")).getText();
        }

        /**
         * Narrows the inbox to what mentions {@code text} (a key, a person), as an officer with a long inbox does: the
         * page shows only the oldest cards, and other tests leave theirs waiting in the shared database.
         */
        public ApprovalsPage find(String text) {
            // Present, but maybe scrolled out of view by the card looked at last: bring it back first.
            WebElement field = new WebDriverWait(browser.driver(), WAIT)
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("approval-find")));
            browser.driver().executeScript("arguments[0].scrollIntoView();", field);
            type(field, text);
            return this;
        }

        public String cardText(String alias, String requester) {
            find(alias);
            return Pages.await(browser, card(alias, requester)).getText();
        }

        /** Approves with the browser's passkey and waits until the request has left the inbox. */
        public void approve(String alias, String requester) {
            find(alias);
            approve(card(alias, requester));
        }

        /** The card of a privileged role asked for {@code person}, scrolled into view. */
        public String roleCardText(String person) {
            find(person);
            WebElement card = Pages.await(browser, roleCard(person));
            browser.driver().executeScript("arguments[0].scrollIntoView();", card);
            return card.getText();
        }

        public void approveRoleFor(String person) {
            find(person);
            approve(roleCard(person));
        }

        /** The card of a rotation of {@code alias} that {@code requester} asked for, scrolled into view. */
        public String rotationCardText(String alias, String requester) {
            find(alias);
            WebElement card = Pages.await(browser, rotationCard(alias, requester));
            browser.driver().executeScript("arguments[0].scrollIntoView();", card);
            return card.getText();
        }

        /** Whether a rotation card of {@code alias} asked by {@code requester} is gone (waits until it is, or fails). */
        public boolean rotationCardGone(String alias, String requester) {
            // An empty inbox shows its empty state instead of the find field.
            new WebDriverWait(browser.driver(), WAIT).until(d -> !d.findElements(By.id("no-approvals")).isEmpty()
                    || d.findElements(By.id("approval-find")).stream().anyMatch(WebElement::isDisplayed));
            if (browser.driver().findElements(By.id("no-approvals")).isEmpty()) {
                find(alias);
            }
            return new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElements(rotationCard(alias, requester)).isEmpty());
        }

        public void approveRotation(String alias, String requester) {
            find(alias);
            approve(rotationCard(alias, requester));
        }

        /** The card of a destruction of {@code alias} that {@code requester} asked for, scrolled into view. */
        public String destructionCardText(String alias, String requester) {
            find(alias);
            WebElement card = Pages.await(browser, keyCard("key-destruction", alias, requester));
            browser.driver().executeScript("arguments[0].scrollIntoView();", card);
            return card.getText();
        }

        public void approveDestruction(String alias, String requester) {
            find(alias);
            approve(keyCard("key-destruction", alias, requester));
        }

        private static By rotationCard(String alias, String requester) {
            return keyCard("key-rotation", alias, requester);
        }

        private static By keyCard(String type, String alias, String requester) {
            return By.cssSelector(".approval-item[data-subject-type='" + type + "'][data-key='" + alias
                    + "'][data-requester='" + requester + "']");
        }

        private void approve(By card) {
            WebElement approve = Pages.await(browser, card).findElement(By.cssSelector("vaadin-button.approve"));
            // A notification of an earlier step may still cover the button; a script click is what a person's click does.
            browser.driver().executeScript("arguments[0].scrollIntoView(); arguments[0].click();", approve);
            new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElements(card).isEmpty());
        }

        private static By roleCard(String person) {
            return By.cssSelector(".approval-item[data-subject-type='role-grant'][data-person='" + person + "']");
        }

        /** Waits for the card to appear (the page looks for new decisions by itself). */
        public void awaitCard(String alias, String requester) {
            Pages.await(browser, card(alias, requester));
        }

        /** Whether the card leaves the page within {@code wait} without anybody reloading it. */
        public boolean cardGoneWithin(String alias, String requester, Duration wait) {
            try {
                new WebDriverWait(browser.driver(), wait).until(d -> d.findElements(card(alias, requester)).isEmpty());
                return true;
            } catch (org.openqa.selenium.TimeoutException e) {
                return false;
            }
        }

        /** The right edge of the card's rightmost decision button, in CSS pixels from the window's left edge. */
        public int buttonsRightEdge(String alias, String requester) {
            return Pages.await(browser, card(alias, requester)).findElements(By.cssSelector("vaadin-button")).stream()
                    .mapToInt(b -> b.getRect().getX() + b.getRect().getWidth()).max().orElseThrow();
        }

        /** Rejects without a comment; returns the error shown at the comment field. */
        public String rejectWithoutComment(String alias, String requester) {
            WebElement card = Pages.await(browser, card(alias, requester));
            browser.driver().executeScript("arguments[0].click();", card.findElement(By.cssSelector("vaadin-button.reject")));
            return fieldError(browser, card.findElement(By.cssSelector(".approval-comment")));
        }

        private static By card(String alias, String requester) {
            return By.cssSelector(".approval-item[data-key='" + alias + "'][data-requester='" + requester + "']");
        }
    }

    /** My grants. */
    public record MyGrantsPage(Browser browser) {

        public static MyGrantsPage open(Browser browser) {
            browser.open("/my-grants");
            Pages.await(browser, By.id("my-grants"));
            return new MyGrantsPage(browser);
        }

        public String rowsText() {
            return Pages.await(browser, By.id("my-grants")).findElements(By.cssSelector("vaadin-grid-cell-content"))
                    .stream().map(WebElement::getText).reduce("", (a, b) -> a + " | " + b);
        }
    }

    static String gridText(Browser browser, String id) {
        return Pages.await(browser, By.id(id)).findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).reduce("", (a, b) -> a + " | " + b);
    }

    /** My applications: service accounts, their tokens and grants. */
    public record MyApplicationsPage(Browser browser) {

        public static MyApplicationsPage open(Browser browser) {
            browser.open("/my-applications");
            Pages.await(browser, By.id("my-apps"));
            return new MyApplicationsPage(browser);
        }

        /** Creates a service account; it is selected afterwards. */
        public void create(String name, String description) {
            type(Pages.await(browser, By.id("app-name")), name);
            type(Pages.await(browser, By.id("app-description")), description);
            Pages.await(browser, By.id("create-app")).click();
            new WebDriverWait(browser.driver(), WAIT).until(d -> gridText(browser, "my-apps").contains(name));
            Pages.await(browser, By.id("app-tokens"));
        }

        /** Selects a service account in the list. */
        public void select(String name) {
            new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElement(By.id("my-apps"))
                    .findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                    .filter(c -> c.getText().equals(name)).findFirst().orElse(null)).click();
            Pages.await(browser, By.id("app-tokens"));
        }

        /** Issues a token for the selected account and returns the secret shown once. */
        public String issueToken(String name) {
            type(Pages.await(browser, By.id("app-token-name")), name);
            Pages.await(browser, By.id("issue-app-token")).click();
            String secret = Pages.await(browser, By.id("app-token-secret")).getText();
            Pages.await(browser, By.id("app-token-done")).click();
            new WebDriverWait(browser.driver(), WAIT).until(d -> gridText(browser, "app-tokens").contains(name));
            return secret;
        }

        public void requestAccess() {
            Pages.await(browser, By.id("request-for-app")).click();
            Pages.await(browser, By.id("request-beneficiary"));
        }

        public String tokensText() {
            return gridText(browser, "app-tokens");
        }

        public String grantsText() {
            return gridText(browser, "app-grants");
        }
    }

    /** A key's usage: the chart and the callers. */
    public record KeyUsagePage(Browser browser) {

        public static KeyUsagePage open(Browser browser, String alias) {
            browser.open("/key-usage?key=" + alias);
            Pages.await(browser, By.id("usage-chart"));
            return new KeyUsagePage(browser);
        }

        public int bars() {
            return browser.driver().findElements(By.cssSelector("#usage-chart rect.bar")).size();
        }

        public String callersText() {
            return gridText(browser, "usage-callers");
        }

        /** The rewrap census: one row per version, newest first, scrolled into view. */
        public String censusText() {
            WebElement census = Pages.await(browser, By.id("key-census"));
            browser.driver().executeScript("arguments[0].scrollIntoView();", census);
            return census.getText();
        }
    }

    /** Recertification campaigns (security officers, auditors). */
    public record CampaignsPage(Browser browser) {

        public static CampaignsPage open(Browser browser) {
            browser.open("/campaigns");
            Pages.await(browser, By.id("campaigns"));
            return new CampaignsPage(browser);
        }

        /** Launches a campaign over the keys of {@code sensitivity} among {@code aliases} (comma-separated). */
        public void launch(String name, String sensitivity, String aliases) {
            Pages.await(browser, By.id("campaign-new")).click();
            type(Pages.await(browser, By.id("campaign-name")), name);
            Pages.await(browser, By.id("campaign-sensitivities"))
                    .findElement(By.xpath(".//vaadin-checkbox[normalize-space()='" + sensitivity + "']//input")).click();
            type(Pages.await(browser, By.id("campaign-keys")), aliases);
            Pages.await(browser, By.id("campaign-launch")).click();
            new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("campaign-name")));
        }

        /** Tries to launch with {@code days} to answer; returns the error at that field. */
        public String launchRefused(String name, int days) {
            Pages.await(browser, By.id("campaign-new")).click();
            type(Pages.await(browser, By.id("campaign-name")), name);
            Pages.await(browser, By.id("campaign-all")).findElement(By.cssSelector("input")).click();
            WebElement duration = Pages.await(browser, By.id("campaign-duration"));
            type(duration, Integer.toString(days));
            Pages.await(browser, By.id("campaign-launch")).click();
            String error = fieldError(browser, duration);
            browser.driver().findElement(By.xpath("//vaadin-dialog-overlay[.//*[@id='campaign-name']]"
                    + "//vaadin-button[normalize-space()='Cancel']")).click();
            new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("campaign-name")));
            return error;
        }

        /** Opens the campaign's details (figures, reviewers, actions) and returns their text. */
        public String open(String name) {
            new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElement(By.id("campaigns"))
                    .findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                    .filter(c -> c.getText().equals(name)).findFirst().orElse(null)).click();
            return Pages.await(browser, By.cssSelector(".campaign-details")).getText();
        }

        /** The sealed report, downloaded through the browser's own session. */
        public byte[] downloadReport() {
            String href = Pages.await(browser, By.id("campaign-report")).getDomProperty("href");
            Object base64 = browser.driver().executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer())"
                            + ".then(b => { let s = ''; new Uint8Array(b).forEach(x => s += String.fromCharCode(x)); done(btoa(s)); })"
                            + ".catch(e => done('ERROR ' + e));", href);
            return java.util.Base64.getDecoder().decode(String.valueOf(base64));
        }
    }

    /** A reviewer's items and their staged decisions. */
    public record MyReviewsPage(Browser browser) {

        public static MyReviewsPage open(Browser browser) {
            browser.open("/reviews");
            Pages.await(browser, By.id("review-items"));
            return new MyReviewsPage(browser);
        }

        /** What the bell in the header counts (0 when it shows no count). */
        public int waitingCount() {
            var count = browser.driver().findElements(By.id("notification-count"));
            return count.isEmpty() || !count.get(0).isDisplayed() ? 0 : Integer.parseInt(count.get(0).getText());
        }

        /** Narrows the grid to one key's items and waits for them. */
        public void filterByKey(String alias) {
            type(Pages.await(browser, By.id("review-key")), alias);
            new WebDriverWait(browser.driver(), WAIT).until(d -> rowsText().contains(alias));
        }

        public String rowsText() {
            return Pages.await(browser, By.id("review-items")).findElements(By.cssSelector("vaadin-grid-cell-content"))
                    .stream().map(WebElement::getText).reduce("", (a, b) -> a + " | " + b);
        }

        /** Stages the recommendation of every pending item shown. */
        public void acceptRecommendations() {
            String before = staged();
            Pages.await(browser, By.id("review-accept-all")).click();
            new WebDriverWait(browser.driver(), WAIT).until(d -> !staged().equals(before));
        }

        public String staged() {
            return Pages.await(browser, By.id("review-staged")).getText();
        }

        /** Opens the only undecided item's form and stages {@code decision} ("Keep", "Revoke") with a comment. */
        public void decideRemaining(String decision, String comment) {
            if (browser.driver().findElements(By.cssSelector(".review-details")).isEmpty()) {
                centred(Pages.await(browser, By.cssSelector(".review-decide"))).click();
            }
            WebElement form = Pages.await(browser, By.cssSelector(".review-details"));
            centred(form.findElement(By.xpath(".//vaadin-radio-button[normalize-space()='" + decision + "']"))).click();
            centred(form.findElement(By.cssSelector(".review-comment textarea"))).sendKeys(comment);
            centred(form.findElement(By.cssSelector(".review-add"))).click();
            new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".review-details")));
        }

        /** Tries to stage a keep without a comment; returns the error shown at the comment. */
        public String keepWithoutComment() {
            centred(Pages.await(browser, By.cssSelector(".review-decide"))).click();
            WebElement form = Pages.await(browser, By.cssSelector(".review-details"));
            centred(form.findElement(By.xpath(".//vaadin-radio-button[normalize-space()='Keep']"))).click();
            centred(form.findElement(By.cssSelector(".review-add"))).click();
            return fieldError(browser, form.findElement(By.cssSelector(".review-comment")));
        }

        /** Scrolled to the middle of the window, clear of notifications at the bottom. */
        private WebElement centred(WebElement element) {
            browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
            return element;
        }

        /** Signs the staged decisions with the passkey and waits until they are applied. */
        public void sign() {
            Pages.await(browser, By.id("review-sign")).click();
            new WebDriverWait(browser.driver(), WAIT).until(d -> staged().equals("No decisions yet")
                    || !d.findElement(By.id("review-error")).getText().isEmpty());
        }

        public String error() {
            return browser.driver().findElement(By.id("review-error")).getText();
        }
    }

    /** Any page inside the main layout, read by element id (empty states, the not-found page, the header). */
    public record LayoutPage(Browser browser) {

        public static LayoutPage open(Browser browser, String path) {
            browser.open("/" + path);
            Pages.await(browser, By.id("signed-in-as")); // the header: on a phone the menu is folded away
            return new LayoutPage(browser);
        }

        public String text(String id) {
            return Pages.await(browser, By.id(id)).getText();
        }

        public String menuText() {
            return Pages.await(browser, By.id("main-menu")).getText();
        }

        public String errorAt(String fieldId) {
            return fieldError(browser, Pages.await(browser, By.id(fieldId)));
        }

        public void type(String fieldId, String text) {
            Pages.type(Pages.await(browser, By.id(fieldId)), text);
        }

        public void click(String id) {
            Pages.await(browser, By.id(id)).click();
        }

        public boolean shows(String id) {
            return browser.driver().findElements(By.id(id)).stream().anyMatch(WebElement::isDisplayed);
        }

        /** Whether the element shows within the usual wait (after a click whose effect takes a server round trip). */
        public boolean showsSoon(String id) {
            try {
                new WebDriverWait(browser.driver(), WAIT).until(d -> shows(id));
                return true;
            } catch (org.openqa.selenium.TimeoutException e) {
                return false;
            }
        }

        /** How far from the left edge of the window the element's right edge is, in CSS pixels. */
        public int rightEdgeOf(String id) {
            var rect = Pages.await(browser, By.id(id)).getRect();
            return rect.getX() + rect.getWidth();
        }

        public int heightOf(String id) {
            return Pages.await(browser, By.id(id)).getRect().getHeight();
        }
    }
}
