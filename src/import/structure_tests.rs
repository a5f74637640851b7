//! Tests of [`super::structure`]: whole pasted pages, small and made up, each showing one
//! class of line-role decision (issue 16 and before).

use super::parts::{Block, Parts};
use super::rules::Rules;
use super::structure::*;
use crate::config::Config;
use crate::import::headline::split_site_suffix;
use crate::import::lines::name_before_role;
use std::path::Path;

#[test]
fn title_bars_and_roles() {
    let rules = Rules::new(&Config::example_at(Path::new(".")));
    assert_eq!(
        split_site_suffix("Cuts bite hard | Society | The Bugle"),
        ("Cuts bite hard".to_string(), Some("The Bugle".to_string()))
    );
    assert_eq!(split_site_suffix("Yes | no").1, None);
    assert_eq!(
        split_site_suffix("16/06/2021 How social prescribing helps").0,
        "How social prescribing helps"
    );
    assert_eq!(
        split_site_suffix("UPDATE Circle in talks to withdraw").0,
        "Circle in talks to withdraw"
    );
    assert_eq!(
        split_site_suffix("LIVE music returns").0,
        "LIVE music returns"
    );
    assert_eq!(
        name_before_role("Nadia Okafor Social affairs correspondent", &rules).as_deref(),
        Some("Nadia Okafor")
    );
    assert_eq!(
        name_before_role("The council will appoint a new editor", &rules),
        None
    );
}

fn parts(text: &str) -> Parts {
    let rules = Rules::new(&Config::example_at(Path::new(".")));
    analyse(&crate::import::lines::split(text, &rules), &rules)
}

#[test]
fn standfirst_above_the_byline_and_a_count_link_above_the_article() {
    let p = parts(
        "Council shuts the last library in town
A summary of the story in one line
By Jane Smith
3 March 2018
Comments (5)
The council voted last night to close the library, the last one in town.
It will shut in May.",
    );
    assert_eq!(p.author.as_deref(), Some("Jane Smith"));
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2018-03-03"));
    assert_eq!(p.body.len(), 3);
    assert!(p.responses.is_empty());
}

#[test]
fn a_comment_heading_inside_the_article_and_trailing_widgets() {
    let p = parts(
        "Library to close
The council voted last night to close the library, the last one in town.
Have your say
There is a public meeting on Friday, and everyone is welcome to come along.
Share this
Facebook
Upcoming events
Quiz night",
    );
    assert!(p.body.contains(&Block::Para("Have your say".into())));
    assert!(p.responses.is_empty());
    let p = parts(
        "Library to close
The council voted last night to close the library, the last one in town.
Thanks for reading.
Join our mailing list
All welcome!
First name",
    );
    assert_eq!(p.body.len(), 2);
}

/// Issue 16: a share bar under the standfirst and a "Most popular" block above the
/// article do not end it; the teasers go, the article stays and nothing is a response.
#[test]
fn a_share_bar_and_most_popular_above_the_article_are_not_its_end() {
    let p = parts(
        "Council shuts the last library in town
The council says it cannot afford to keep the building open any longer.
By Jane Smith
Share this story
Comments
MOST POPULAR
Man dies after crash on the ring road
Bin collections change from May
The council voted last night to close the library, the last one in town.
It will shut in May, and its books will go to the school, the council said.
Share this story",
    );
    assert_eq!(
        p.headline.as_deref(),
        Some("Council shuts the last library in town")
    );
    assert!(p.responses.is_empty(), "{:?}", p.responses);
    assert_eq!(p.body.len(), 3, "{:?}", p.body);
    assert!(!p
        .body
        .contains(&Block::Para("Bin collections change from May".into())));
}

/// Issue 16: a cookie notice, a banner in capitals and a long menu above the
/// headline; the headline is the line by the byline, close above the article.
#[test]
fn the_headline_is_not_a_banner_a_notice_or_a_menu_item() {
    let p = parts(
        "GET BREAKING NEWS IN YOUR BROWSER. CLICK HERE TO TURN ON NOTIFICATIONS.
We use cookies to improve your browsing experience on our site, and to show you ads.
Home
News
Sport
Weather
Business
Culture
Travel
Opinion
Obituaries
Place a Classified Ad
Back To Main Menu
Subscribe now for full access
Got a news tip? Let us know
Council shuts the last library in town
By Jane Smith
The council voted last night to close the library, the last one in town.
It will shut in May, and its books will go to the school, the council said.",
    );
    assert_eq!(
        p.headline.as_deref(),
        Some("Council shuts the last library in town")
    );
    assert_eq!(p.author.as_deref(), Some("Jane Smith"));
    assert_eq!(p.body.len(), 2, "{:?}", p.body);
}

/// Issue 16: an update's date above the publication date is not the page's date.
#[test]
fn the_publication_date_wins_over_an_update() {
    let p = parts(
        "Council shuts the last library in town
By Jane Smith
Updated 5 May 2020, 10:31 am
Published 2 May 2020
The council voted last night to close the library, the last one in town.
It will shut in May, and its books will go to the school, the council said.",
    );
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2020-05-02"));
}

/// Issue 16: a "Comments" button in a share bar is not the comments' heading, and
/// lines after a share bar with no heading and no commenter are no responses.
#[test]
fn a_comments_button_in_a_share_bar_is_not_a_heading() {
    let p = parts(
        "Council shuts the last library in town
The council voted last night to close the library, the last one in town.
It will shut in May, and its books will go to the school, the council said.
Facebook
Twitter
Comments
Print
The library opened in 1904 and was paid for by the town's mill owners, who also built its clock tower.
Share this
About us
Contact the newsroom today.",
    );
    assert!(p.responses.is_empty(), "{:?}", p.responses);
    assert_eq!(p.body.len(), 3, "{:?}", p.body);
}

/// Issue 16: a menu printed twice is no headline's repetition, and a lone sentence
/// in the page's chrome ("Your weather is set to…") is not the article's start.
#[test]
fn a_repeated_menu_and_a_lone_sentence_above_the_headline() {
    let p = parts(
        "Home
News
SN United By Sport
SN Central
Weather
Your weather is set to London. You can change the location at any time.
Home
News
SN United By Sport
SN Central
Weather
Sports
Council shuts the last library in town
By Jane Smith
The council voted last night to close the library, the last one in town.
It will shut in May, and its books will go to the school, the council said.",
    );
    assert_eq!(
        p.headline.as_deref(),
        Some("Council shuts the last library in town")
    );
    assert_eq!(p.body.len(), 2, "{:?}", p.body);
}

/// A page with no running text that the importer can see (short lines only) keeps
/// its lines: its headline is looked for from the top, not above the last line.
#[test]
fn a_page_without_running_text_keeps_its_lines() {
    let p = parts("Menu\nLibrary to close\nThe library closes in May\nIts books go to the school\nOpening hours\nMon to Fri 9 to 5\nContact\nSitemap");
    assert!(
        p.body
            .contains(&Block::Para("Its books go to the school".into())),
        "{:?}",
        p.dropped
    );
}

/// Issue 16: an addressee, a post's meta line, a blog's label notice, a photo credit in
/// brackets, a line in capitals and a short title-case menu item are no headline.
#[test]
fn credits_capitals_and_title_case_labels_are_not_headlines() {
    let p = parts(
        "To: Department of Work and Pensions
Posted by: jreeves - Posted on:
Showing posts with label sickness. Show all posts
Motorcycle Sport & Leisure
News Tech Health Planet Earth Strange News Animals History Space & Physics
CLICK FOR FULL STATE RESULTS NOW
Council shuts the last library in town
(Reed Saxon / Associated Press)
The council voted last night to close the library, the last one in town.
It will shut in May, and its books will go to the school, the council said.",
    );
    assert_eq!(
        p.headline.as_deref(),
        Some("Council shuts the last library in town")
    );
}

/// Issue 16: a "Related articles" box inside the article does not end it; one under
/// the article does.
#[test]
fn a_related_box_inside_the_article_is_not_its_end() {
    let p = parts(
        "Council shuts the last library in town
The council voted last night to close the library, the last one in town, after a long campaign to save it failed in the end.
Related articles
Bin collections change from May
Man dies after crash on the ring road
It will shut in May, and its books will go to the school and to the museum, the council said in a statement.
Campaigners said they would keep fighting, and that a petition had been signed by more than two thousand people.
Related articles
Bin collections change from May",
    );
    assert_eq!(p.body.len(), 3, "{:?}", p.body);
    assert!(p.responses.is_empty());
}

/// Issue 16: a caption printed again with its credit is no headline and no start of
/// the article; a last paragraph cut short is kept.
#[test]
fn captions_with_credits_and_a_paragraph_cut_short() {
    let p = parts(
        "A library reading room in the town centre.
A library reading room in the town centre. Photograph: Jane Smith/PA
Council shuts the last library in town
The council voted last night to close the library, the last one in town.
It will shut in May, and its books will go to the school, the council said.
The union said:
This is a situation in which the council denies any plan while it closes the doors of the",
    );
    assert_eq!(
        p.headline.as_deref(),
        Some("Council shuts the last library in town")
    );
    assert_eq!(p.body.len(), 4, "{:?}", p.body);
}

/// Issue 16: a comments heading over the page's footer, with no commenter and no
/// sentence under it, writes no responses.
#[test]
fn a_comments_heading_over_a_footer_is_no_thread() {
    let p = parts(
        "Council shuts the last library in town
The council voted last night to close the library, the last one in town.
It will shut in May, and its books will go to the school, the council said.
Comments
Contact the newsroom
Terms of service
Sitemap",
    );
    assert!(p.responses.is_empty(), "{:?}", p.responses);
    let p = parts(
        "Council shuts the last library in town
The council voted last night to close the library, the last one in town.
It will shut in May, and its books will go to the school, the council said.
0 Comments
The library opened in 1904 and was paid for by the town's mill owners, who also built its clock tower.",
    );
    assert!(p.responses.is_empty(), "{:?}", p.responses);
    assert_eq!(p.body.len(), 3, "{:?}", p.body);
}

/// Issue 16: a name over its role is the byline, though the name is also a month's.
#[test]
fn a_name_over_a_role_is_the_byline() {
    let p = parts(
        "Council shuts the last library in town
May Bulman
Social Affairs Correspondent
Monday 31 January 2022 14:03 GMT
The council voted last night to close the library, the last one in town.",
    );
    assert_eq!(p.author.as_deref(), Some("May Bulman"));
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2022-01-31"));
    assert_eq!(p.body.len(), 1, "{:?}", p.body);
}

/// Issue 16: teasers under a "Most popular" block between the byline and the article
/// are no headline.
#[test]
fn teasers_between_the_byline_and_the_article_are_no_headline() {
    let p = parts(
        "Council shuts the last library in town
By Jane Smith
MOST POPULAR
Police chief sought state funding for a gunshot system, but the mayor is unswayed
The county fair will be free to attend starting next summer
The council voted last night to close the library, the last one in town.
It will shut in May, and its books will go to the school, the council said.",
    );
    assert_eq!(
        p.headline.as_deref(),
        Some("Council shuts the last library in town")
    );
    assert_eq!(p.body.len(), 2, "{:?}", p.body);
}

/// Issue 16: a share bar between two paragraphs of the article does not end it; one
/// over a comment thread does.
#[test]
fn a_share_bar_inside_the_article_is_not_its_end() {
    let p = parts(
        "Council shuts the last library in town
The council voted last night to close the library, the last one in town, after a long campaign to save it failed.
It will shut in May, and its books will go to the school and to the museum, the council said.
Share this article
Campaigners said they would keep fighting, and that a petition had been signed by more than two thousand people in the town.
The council will meet again in June to decide what happens to the building, which was paid for by the mill owners in 1904.",
    );
    assert_eq!(p.body.len(), 4, "{:?}", p.body);
    assert!(p.responses.is_empty());
}

/// Issue 16: Blogger's "Name said…" blocks with no comments heading are responses; a
/// quote's lead in the article is not.
#[test]
fn blogger_name_said_opens_the_comments() {
    let p = parts(
        "Council shuts the last library in town
The council voted last night to close the library, the last one in town.
It will shut in May, and its books will go to the school, the council said.
The leader of the council said:
We have no money left for the building, and no one wants to run it for us.
Pete Calloway said…
A shame, and the town will regret it when the doors close for good.
Anonymous said...
Where will the children go to read after school now?",
    );
    assert_eq!(p.responses.len(), 2, "{:?}", p.responses);
    assert_eq!(p.responses[0].author.as_deref(), Some("Pete Calloway"));
    assert_eq!(p.body.len(), 4, "{:?}", p.body);
}

/// Issue 19: a comment's "Reply" / "Like (24)" lines stayed in the response, in whatever
/// order the platform prints them, and a picture credit above the article became its
/// first paragraph.
#[test]
fn comment_action_bars_and_picture_credits_are_left_out() {
    for (credit, reply, like) in [
        (
            "Photograph: Stefan Rousseau/PA",
            "Like (24) Reply",
            "Reply · Report",
        ),
        (
            "Image caption Carers protested outside the town hall on Monday",
            "Reply Like (24)",
            "Like Reply 3y",
        ),
        ("Image source, Getty Images", "Reply ↓", "Reply to Jane"),
        ("Photo: Getty Images", "Reply", "Like (24)"),
        ("(Image: PA)", "Like · Reply · 24", "2 likes"),
    ] {
        let p = parts(&format!(
            "Council cuts leave carers without support
By Sam Writer
4 May 2023
{credit}
Carers in the borough say they have been left without support after the council cut its respite budget.
The council said it had no choice given the pressures on social care funding this year.
2 comments
Jane Smith
3 May 2023 at 10:12 am
This is a disgrace. The council should be ashamed of itself.
{reply}
{like}
Bob Jones
3 May 2023 at 11:40 am
My mother relies on respite care and now she has nothing.
{reply}
{like}"
        ));
        assert!(
            matches!(&p.body[0], Block::Para(t) if t.starts_with("Carers in the borough")),
            "{credit}: {:?}",
            p.body
        );
        assert_eq!(p.body.len(), 2, "{credit}: {:?}", p.body);
        assert_eq!(p.responses.len(), 2, "{reply}: {:?}", p.responses);
        for r in &p.responses {
            assert_eq!(r.blocks.len(), 1, "{reply} / {like}: {:?}", r.blocks);
        }
    }
}
