//! Page layout: blocks of broken lines placed on pages, in points from the
//! top left of the text block. A heading keeps with the next block's first
//! lines, no paragraph leaves a single line at the foot or head of a page,
//! a short quote moves whole, and no page holds a lone line.

use super::fonts::{Fonts, Style};
use super::linebreak::{Breaker, Line};
use super::spans::Span;

/// Millimetres to points.
pub const MM: f32 = 72.0 / 25.4;

/// What a block is, for tagging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    P,
    H1,
    H2,
    Quote,
    /// An item of a list; consecutive items form one list.
    Item,
    /// A thin rule across the text block (an artifact).
    Rule,
}

/// A block of text: its spans, how it is set and its lines once broken.
pub struct Block {
    pub role: Role,
    pub spans: Vec<Span>,
    pub base: Style,
    pub justify: bool,
    pub left: f32,
    pub right: f32,
    pub before: f32,
    pub after: f32,
    /// Kept on the page of the next block's first lines (headings).
    pub keep_with_next: bool,
    /// Moved whole to the next page when short (quotes).
    pub together: bool,
    /// Set in the left indent of the first line (list labels).
    pub label: Option<Span>,
    /// A vertical bar in the left indent (quotes).
    pub bar: bool,
    /// The entry of this source, for citation markers.
    pub source: Option<usize>,
    pub lines: Vec<Line>,
    pub line_height: f32,
}

impl Block {
    pub fn new(role: Role, spans: Vec<Span>, base: Style) -> Block {
        Block {
            role,
            spans,
            base,
            justify: true,
            left: 0.0,
            right: 0.0,
            before: 0.0,
            after: 0.0,
            keep_with_next: false,
            together: false,
            label: None,
            bar: false,
            source: None,
            lines: Vec::new(),
            line_height: 0.0,
        }
    }

    pub fn ragged(mut self) -> Block {
        self.justify = false;
        self
    }

    pub fn indent(mut self, left: f32, right: f32) -> Block {
        self.left = left * MM;
        self.right = right * MM;
        self
    }

    pub fn space(mut self, before: f32, after: f32) -> Block {
        self.before = before * MM;
        self.after = after * MM;
        self
    }

    /// The text of the block as read (headings' titles).
    pub fn text(&self) -> String {
        let text: String = self.spans.iter().map(|s| s.text.as_str()).collect();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The page: size and margins, in points.
#[derive(Clone, Copy, Debug)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub top: f32,
    pub bottom: f32,
    pub side: f32,
}

impl Page {
    pub fn body_width(&self) -> f32 {
        self.width - 2.0 * self.side
    }

    pub fn body_height(&self) -> f32 {
        self.height - self.top - self.bottom
    }
}

/// Lines `first..first + count` of a block, the first one's top `y`
/// points below the top of the text block.
#[derive(Clone, Copy, Debug)]
pub struct Placed {
    pub block: usize,
    pub first: usize,
    pub count: usize,
    pub y: f32,
}

/// Breaks every block into lines.
pub fn break_lines(blocks: &mut [Block], fonts: &Fonts, page: &Page) {
    for block in blocks.iter_mut() {
        block.line_height = fonts.line_height(block.base);
        if block.role == Role::Rule {
            continue;
        }
        let measure = page.body_width() - block.left - block.right;
        block.lines = Breaker {
            spans: &block.spans,
            fonts,
            justify: block.justify,
        }
        .lines(measure);
    }
}

/// The blocks placed on pages.
pub fn paginate(blocks: &[Block], page: &Page) -> Vec<Vec<Placed>> {
    let mut forced = Vec::new();
    loop {
        let pages = place(blocks, page, &forced);
        // A last page with a single line takes the last block that starts
        // on the page before it along.
        let lone = pages.len() > 1
            && pages
                .last()
                .is_some_and(|p| p.iter().map(|l| l.count).sum::<usize>() == 1);
        if lone && forced.len() < 3 {
            let previous = &pages[pages.len() - 2];
            if let Some(start) = previous
                .iter()
                .skip(1)
                .rev()
                .find(|p| p.first == 0 && blocks[p.block].role != Role::Rule)
            {
                // A heading before it goes too.
                let mut at = start.block;
                while at > 0 && blocks[at - 1].keep_with_next {
                    at -= 1;
                }
                if !forced.contains(&at) && previous.first().is_some_and(|p| p.block < at) {
                    forced.push(at);
                    continue;
                }
            }
        }
        return pages;
    }
}

fn place(blocks: &[Block], page: &Page, forced: &[usize]) -> Vec<Vec<Placed>> {
    let height = page.body_height();
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = 0.0f32;
    const EPSILON: f32 = 0.01;
    for (index, block) in blocks.iter().enumerate() {
        if forced.contains(&index) && y > 0.0 {
            pages.push(Vec::new());
            y = 0.0;
        }
        if block.role == Role::Rule {
            let needed = block.before + block.after;
            if y > 0.0 && y + needed > height {
                pages.push(Vec::new());
                y = 0.0;
            }
            pages.last_mut().unwrap_or(&mut Vec::new()).push(Placed {
                block: index,
                first: 0,
                count: 0,
                y,
            });
            y += needed;
            continue;
        }
        let total = block.lines.len();
        let lh = block.line_height.max(1.0);
        let mut next = 0;
        while next < total {
            let fresh = y <= EPSILON;
            let before = if next == 0 && !fresh {
                block.before
            } else {
                0.0
            };
            let room = height - y - before;
            let fits = ((room + EPSILON) / lh).floor().max(0.0) as usize;
            let left = total - next;
            let mut take = fits.min(left);
            if take < left {
                if left - take < 2 {
                    take = left.saturating_sub(2);
                }
                if next == 0 && take < 2 {
                    take = 0;
                }
                if block.together && next == 0 && total <= 6 {
                    take = 0;
                }
            }
            if take == left && next == 0 && block.keep_with_next && !fresh {
                let needed = before + left as f32 * lh + block.after + follow(blocks, index);
                if y + needed > height + EPSILON {
                    take = 0;
                }
            }
            if take == 0 {
                if fresh {
                    // Taller than a page: set what fits, at least a line.
                    take = fits.clamp(1, left);
                } else {
                    pages.push(Vec::new());
                    y = 0.0;
                    continue;
                }
            }
            if let Some(current) = pages.last_mut() {
                current.push(Placed {
                    block: index,
                    first: next,
                    count: take,
                    y: y + before,
                });
            }
            y += before + take as f32 * lh;
            next += take;
            if next < total {
                pages.push(Vec::new());
                y = 0.0;
            } else {
                y = (y + block.after).min(height);
            }
        }
    }
    if pages.len() > 1 && pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    pages
}

/// The height the block after `index` needs on the same page: its space
/// before and its first two lines (or all, when it has fewer), and the
/// same for a heading that follows a heading.
fn follow(blocks: &[Block], index: usize) -> f32 {
    let Some(next) = blocks.get(index + 1) else {
        return 0.0;
    };
    let lines = next.lines.len().min(2) as f32 * next.line_height;
    let more = if next.keep_with_next {
        next.after + follow(blocks, index + 1)
    } else {
        0.0
    };
    next.before + lines + more
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(lines: usize, role: Role) -> Block {
        let mut b = Block::new(role, Vec::new(), Style::new(11.0));
        b.lines = vec![Line::default(); lines];
        b.line_height = 10.0;
        b.before = 5.0;
        b.after = 5.0;
        b.keep_with_next = role == Role::H2;
        b.together = role == Role::Quote;
        b
    }

    fn page() -> Page {
        Page {
            width: 200.0,
            height: 120.0,
            top: 10.0,
            bottom: 10.0,
            side: 10.0,
        }
    }

    fn lines_on(pages: &[Vec<Placed>]) -> Vec<Vec<(usize, usize)>> {
        pages
            .iter()
            .map(|p| p.iter().map(|l| (l.block, l.count)).collect())
            .collect()
    }

    #[test]
    fn no_widow_no_orphan_no_lonely_heading() {
        // 100 points of body: ten lines.
        let blocks = vec![block(8, Role::P), block(1, Role::H2), block(5, Role::P)];
        let pages = paginate(&blocks, &page());
        // The heading does not fit with two lines of its paragraph: it moves.
        assert_eq!(lines_on(&pages), vec![vec![(0, 8)], vec![(1, 1), (2, 5)]]);

        let blocks = vec![block(7, Role::P), block(4, Role::P)];
        // Two lines would fit after the first paragraph, leaving two: fine.
        let pages = paginate(&blocks, &page());
        assert_eq!(
            lines_on(&pages),
            vec![vec![(0, 7), (1, 2)], vec![(1, 2)]],
            "{pages:?}"
        );

        let blocks = vec![block(7, Role::P), block(3, Role::P)];
        // Two of three would leave a widow; one would be an orphan.
        let pages = paginate(&blocks, &page());
        assert_eq!(lines_on(&pages), vec![vec![(0, 7)], vec![(1, 3)]]);
    }

    #[test]
    fn short_quotes_move_whole_and_long_ones_split() {
        let blocks = vec![block(6, Role::P), block(4, Role::Quote)];
        let pages = paginate(&blocks, &page());
        assert_eq!(lines_on(&pages), vec![vec![(0, 6)], vec![(1, 4)]]);
        let blocks = vec![block(6, Role::P), block(9, Role::Quote)];
        let pages = paginate(&blocks, &page());
        assert_eq!(lines_on(&pages), vec![vec![(0, 6), (1, 3)], vec![(1, 6)]]);
    }

    #[test]
    fn no_page_holds_a_lone_line() {
        let blocks = vec![
            block(5, Role::P),
            block(4, Role::Item),
            block(1, Role::Item),
        ];
        let pages = paginate(&blocks, &page());
        assert!(pages.last().unwrap().iter().map(|l| l.count).sum::<usize>() > 1);
        assert_eq!(lines_on(&pages), vec![vec![(0, 5)], vec![(1, 4), (2, 1)]]);
    }
}
