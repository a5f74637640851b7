//! The archive as evidence: originals published with matching hashes, paragraph anchors
//! that survive edits, valid exports, same-story clusters, and each way of publishing
//! reader responses. The citation downloads are built in the browser: tests/citations_browser.rs.

mod util;

use std::process::Command;

use util::{files, Site};

fn built(site: &Site) -> std::path::PathBuf {
    site.cmd()
        .args(["build", "--base-url", "https://example.org/archive/"])
        .assert()
        .success();
    site.path().join("public")
}

#[test]
fn every_original_is_published_and_matches_its_hash() {
    let site = Site::with_repo_archive();
    let public = built(&site);
    let mut checked = 0;
    for name in files(&site.path().join("content")) {
        let text = site.read(&format!("content/{name}"));
        let front: pamphlet::content::front_matter::FrontMatter =
            serde_yaml::from_str(pamphlet::content::front_matter::split(&text).unwrap().yaml)
                .unwrap();
        let slug = front.slug.unwrap();
        let original = std::fs::read(public.join(format!("articles/{slug}/original.txt"))).unwrap();
        assert_eq!(
            pamphlet::import::sha256_hex(&original),
            front.seed_sha256.clone().unwrap(),
            "{slug}"
        );
        let page =
            std::fs::read_to_string(public.join(format!("articles/{slug}/index.html"))).unwrap();
        assert!(page.contains(&front.seed_sha256.unwrap()));
        assert!(
            page.contains(&format!("/archive/articles/{slug}/original.txt")),
            "linked as the text as collected"
        );
        checked += 1;
    }
    assert_eq!(checked, 5);
    let about = site.read("public/about/provenance/index.html");
    assert!(about.contains("sha256sum"));
}

#[test]
fn a_source_url_gets_a_wayback_link_and_contributed_articles_say_so() {
    let site = Site::new();
    site.write("content/a.md", "---\ntitle: Sourced\nsource: https://news.example/story\ncollected: 2024-01-02\n---\nText of it, long enough for a paragraph.\n");
    site.write(
        "content/b.md",
        "---\ntitle: Ours\n---\nWritten for the archive.\n",
    );
    let public = built(&site);
    let a = std::fs::read_to_string(public.join("articles/a/index.html")).unwrap();
    assert!(a.contains("https://web.archive.org/web/*/https://news.example/story"));
    assert!(
        a.contains("datetime=\"2024-01-02\""),
        "the collected date is shown"
    );
    let b = std::fs::read_to_string(public.join("articles/b/index.html")).unwrap();
    assert!(b.contains("Contributed directly to the archive"));
}

fn paragraph_ids(html: &str) -> Vec<(String, String)> {
    html.split("<p id=\"p-")
        .skip(1)
        .map(|s| {
            let id = s.split('"').next().unwrap().to_string();
            let text = s
                .split_once('>')
                .unwrap()
                .1
                .split("</p>")
                .next()
                .unwrap()
                .to_string();
            (id, text)
        })
        .collect()
}

#[test]
fn paragraph_anchors_survive_a_paragraph_inserted_above() {
    let site = Site::with_repo_archive();
    let rel = "content/garry-joness-blog-16-july-2019.md";
    let public = built(&site);
    let before = paragraph_ids(
        &std::fs::read_to_string(public.join("articles/garry-joness-blog-16-july-2019/index.html"))
            .unwrap(),
    );
    let text = site.read(rel);
    let split = pamphlet::content::front_matter::split(&text).unwrap();
    let edited = text.replacen(
        split.body,
        &format!(
            "A new first paragraph, added by an editor.\n\n{}",
            split.body
        ),
        1,
    );
    site.write(rel, edited);
    let public = built(&site);
    let after = paragraph_ids(
        &std::fs::read_to_string(public.join("articles/garry-joness-blog-16-july-2019/index.html"))
            .unwrap(),
    );
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(&after[1..], &before[..], "every old paragraph keeps its id");
}

#[test]
fn exports_list_every_article_and_validate_against_their_datapackage() {
    let site = Site::with_repo_archive();
    let public = built(&site);
    let json: serde_json::Value = serde_json::from_str(&site.read("public/archive.json")).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["articles"].as_array().unwrap().len(), 5);
    assert!(
        json["articles"][0].get("responses").is_none(),
        "responses only when book.toml asks"
    );
    let csv = site.read("public/archive.csv");
    assert_eq!(csv.lines().count(), 6);
    let tools = util::tools();
    let out = Command::new(tools.join("py/bin/frictionless"))
        .env("PYTHONPATH", tools.join("py"))
        .args(["validate", "--json", "datapackage.json"])
        .current_dir(&public)
        .output()
        .expect("frictionless runs (run `bash tests/run.sh`)");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(report["valid"], true, "{report:#}");

    let book = site
        .read("book.toml")
        .replace("include-responses = false", "include-responses = true");
    site.write("book.toml", book);
    built(&site);
    let json: serde_json::Value = serde_json::from_str(&site.read("public/archive.json")).unwrap();
    assert!(json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["responses"].as_array().is_some_and(|r| !r.is_empty())));
}

#[test]
fn the_same_story_in_two_outlets_is_clustered_and_an_unrelated_one_is_not() {
    let site = Site::new();
    let story = "Almost sixty thousand people in just a week have signed a new petition to stop the backdoor privatisation of cancer care in the county. The contract is the biggest potential privatisation in the history of the health service, with five private companies competing for control of care for eight hundred thousand people.";
    site.write("content/bugle.md", format!("---\ntitle: Petition grows\npublisher: The Bugle\n---\n{story}\n\nThe Bugle asked the council for comment.\n"));
    site.write("content/herald.md", format!("---\ntitle: Sixty thousand sign\npublisher: The Herald\n---\nFrom our reporter.\n\n{story}\n"));
    site.write("content/quoted.md", "---\ntitle: Minister speaks\npublisher: The Star\n---\nThe minister said: “we will not let the health service be sold off to the highest bidder in any part of the country” at the conference.\n");
    site.write("content/quoted-too.md", "---\ntitle: Promise on health\npublisher: The Echo\n---\nIn a speech on Tuesday she promised that “we will not let the health service be sold off to the highest bidder in any part of the country”, to applause.\n");
    site.write("content/football.md", "---\ntitle: Town win derby\n---\nThe home side scored twice in the second half to win the derby in front of a record crowd at the ground on Saturday afternoon, and the manager praised his young players.\n");
    let public = built(&site);
    let page = |slug: &str| {
        std::fs::read_to_string(public.join(format!("articles/{slug}/index.html"))).unwrap()
    };
    assert!(
        page("bugle").contains("Also reported by")
            && page("bugle").contains("The Herald: Sixty thousand sign")
    );
    assert!(page("herald").contains("The Bugle: Petition grows"));
    assert!(
        page("quoted").contains("The Echo: Promise on health"),
        "the same quotation links two reports"
    );
    assert!(!page("football").contains("Also reported by"));
    assert!(!page("bugle").contains("Town win derby"));
    site.cmd()
        .arg("check")
        .assert()
        .success()
        .stderr(predicates::str::contains("similar"));
}

fn with_mode(mode: &str) -> Site {
    let site = Site::new();
    let book = site
        .read("book.toml")
        .replace("mode = \"show\"", &format!("mode = \"{mode}\""));
    site.write("book.toml", book);
    site.write("content/c.md", "---\ntitle: Commented\n---\nThe article.\n\n## Reader responses\n\n### Response 1 — Jane Smith\n\nI agree with this completely.\n\n### Response 2 — Bob\n\nThanks Jane Smith, well said.\n");
    site
}

#[test]
fn each_comment_mode_publishes_responses_as_asked() {
    let show = with_mode("show");
    let html = std::fs::read_to_string(built(&show).join("articles/c/index.html")).unwrap();
    assert!(html.contains("<h3 class=\"who\">Jane Smith</h3>") && !html.contains("<details>"));

    let collapse = with_mode("collapse");
    let html = std::fs::read_to_string(built(&collapse).join("articles/c/index.html")).unwrap();
    assert!(html.contains("<details>") && html.contains("I agree with this completely."));

    let hide = with_mode("hide");
    let public = built(&hide);
    let html = std::fs::read_to_string(public.join("articles/c/index.html")).unwrap();
    assert!(!html.contains("I agree with this") && !html.contains("Reader responses"));
    assert!(
        hide.read("content/c.md").contains("I agree with this"),
        "still kept in content/"
    );
    let json = std::fs::read_to_string(public.join("archive.json")).unwrap();
    assert!(json.contains("\"comments\": 0"));

    let anon = with_mode("anonymise");
    let html = std::fs::read_to_string(built(&anon).join("articles/c/index.html")).unwrap();
    assert!(
        !html.contains("Jane Smith") && !html.contains("Bob"),
        "no commenter named"
    );
    assert!(
        html.contains("<h3 class=\"who\">Reader 1</h3>")
            && html.contains("<h3 class=\"who\">Reader 2</h3>")
            && html.contains("Thanks Reader 1")
    );
}

#[test]
fn publishers_and_the_monthly_timeline_are_browsable() {
    let site = Site::with_repo_archive();
    let public = built(&site);
    let publishers = std::fs::read_to_string(public.join("publishers/index.html")).unwrap();
    assert!(publishers.contains("Express &amp; Star"));
    assert!(public.join("publishers/express-star/index.html").is_file());
    let years = std::fs::read_to_string(public.join("years/index.html")).unwrap();
    assert!(
        years.contains("class=\"chart timeline\""),
        "the monthly timeline by topic"
    );
    assert!(years.contains("Social prescribing, 2019-07: 1"));
}

/// Issue 20: a paste that names and dates its commenters, and a reply that addresses an
/// earlier commenter, reads as a conversation on the page.
#[test]
fn reader_responses_show_who_when_and_what_they_answer() {
    let site = Site::new();
    site.write(
        "seeds/blog.txt",
        "Garry's Blog\nJob coaches in GP surgeries are a bad idea\n16 July 2019\nPosted by Garry Jones\n\
         The government wants to put job coaches from the DWP into GP surgeries. This is a bad idea for patients and for doctors.\n\
         Doctors should look after the health of their patients. They should not be part of the benefits system.\n\
         Share this:\nTwitter\nFacebook\n3 comments:\n\
         Ruth Ellery10 March 2018 at 13:05\nI agree with every word of this. My GP is the one person I trust.\nReply\n\
         Tom Baker11 March 2018 at 09:00\n@Ruth Ellery yes, and trust is what this scheme will destroy.\nReply\n\
         Ann Smith12 March 2018 at 10:00\nHas anyone written to their MP about it? I have.\nReply\n",
    );
    site.cmd().arg("import").assert().success();
    let public = built(&site);
    let slug = "job-coaches-in-gp-surgeries-are-a-bad-idea";
    let html = std::fs::read_to_string(public.join(format!("articles/{slug}/index.html"))).unwrap();
    assert!(html.contains("From the public"), "marked as readers' words");
    assert!(html.contains("<h3 class=\"who\">Ruth Ellery</h3>"));
    assert!(html.contains("<time datetime=\"2018-03-10\">10 March 2018</time>"));
    let reply = html
        .split("<li class=\"response reply\" id=\"response-2\">")
        .nth(1)
        .expect("the second response is shown as a reply");
    assert!(reply.contains("in reply to <a href=\"#response-1\">Ruth Ellery</a>"));
    assert!(!html.contains("id=\"response-3\" class=\"response reply\""));
}

/// Issue 20: after the first five responses the rest fold under a count.
#[test]
fn a_long_thread_folds_after_the_first_few() {
    let site = Site::new();
    let mut text =
        "---\ntitle: Long thread\n---\nThe article.\n\n## Reader responses\n".to_string();
    for i in 1..=8 {
        text.push_str(&format!("\n### Response {i}\n\nComment number {i}.\n"));
    }
    site.write("content/long.md", text);
    let html = std::fs::read_to_string(built(&site).join("articles/long/index.html")).unwrap();
    // The page's body: the head's structured data holds every response too.
    let body = html.split_once("</head>").unwrap().1;
    let (open, folded) = body.split_once("<details>").expect("a fold");
    assert!(open.contains("Comment number 5.") && !open.contains("Comment number 6."));
    assert!(folded.contains("<summary>Show 3 more responses</summary>"));
    assert!(folded.contains("Comment number 8."));
}
