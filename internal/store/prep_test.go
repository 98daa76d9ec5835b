package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"
)

func prepRound(name, date, clock, zone string) PrepRound {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		panic(err)
	}
	start, err := time.ParseInLocation("2006-01-02 15:04", date+" "+clock, loc)
	if err != nil {
		panic(err)
	}
	return PrepRound{Name: name, LocalDate: date, LocalTime: clock, TimeZone: zone, Minutes: 60,
		Format: "video", Link: "https://meet.example.com/x", StartsAt: start}
}

// TestPrepSheetsAreTheirOwners: a sheet and its rounds are saved
// together, read back in their own zone, and every read and write of
// another user's sheet or round is ErrNotFound and changes nothing.
func TestPrepSheetsAreTheirOwners(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	clock := time.Date(2027, 1, 10, 0, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return clock }
	coach, owner, set := coachFixture(t, s, "why-sales")
	other := &User{Email: fmt.Sprintf("prep-other-%d@example.com", time.Now().UnixNano()), DisplayName: "Other", PasswordHash: "x", Lang: "ja"}
	if err := s.CreateUser(ctx, other); err != nil {
		t.Fatal(err)
	}
	sh := &PrepSheet{UserID: owner.ID, Company: "Acme", RoleTitle: "AE", Posting: "Requirements:\n- 3+ years", Culture: "formal"}
	rs := []PrepRound{prepRound("Final", "2027-01-20", "15:00", "America/New_York"), prepRound("First", "2027-01-15", "10:00", "Asia/Tokyo")}
	if err := s.CreatePrepSheet(ctx, sh, rs, 10); err != nil {
		t.Fatal(err)
	}
	got, err := s.PrepRounds(ctx, owner.ID, sh.ID)
	if err != nil || len(got) != 2 {
		t.Fatalf("rounds: %v %v", got, err)
	}
	if got[0].Name != "First" || got[0].Position != 2 || got[1].Position != 1 {
		t.Errorf("rounds not earliest first with their positions: %+v", got)
	}
	if st := got[0].Start(); st.Format("2006-01-02 15:04 MST") != "2027-01-15 10:00 JST" || !st.Equal(time.Date(2027, 1, 15, 1, 0, 0, 0, time.UTC)) {
		t.Errorf("first round starts %v", st)
	}
	if e := got[1].End(); e.Format("15:04 MST") != "16:00 EST" {
		t.Errorf("final round ends %v", e)
	}

	// Another user: nothing is found and nothing changes.
	if _, err := s.PrepSheet(ctx, other.ID, sh.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("other's read: %v", err)
	}
	if rs, err := s.PrepRounds(ctx, other.ID, sh.ID); err != nil || len(rs) != 0 {
		t.Errorf("other's rounds: %v %v", rs, err)
	}
	if _, err := s.PrepRound(ctx, other.ID, sh.ID, got[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("other's round: %v", err)
	}
	stolen := *sh
	stolen.UserID, stolen.Company = other.ID, "Stolen"
	if err := s.UpdatePrepSheet(ctx, &stolen); !errors.Is(err, ErrNotFound) {
		t.Errorf("other's update: %v", err)
	}
	r := got[0]
	r.Name = "Stolen"
	if err := s.UpdatePrepRound(ctx, other.ID, &r); !errors.Is(err, ErrNotFound) {
		t.Errorf("other's round update: %v", err)
	}
	add := prepRound("Stolen", "2027-02-01", "10:00", "UTC")
	add.SheetID = sh.ID
	if err := s.AddPrepRound(ctx, other.ID, &add, 10); !errors.Is(err, ErrNotFound) {
		t.Errorf("other's round add: %v", err)
	}
	if err := s.DeletePrepRound(ctx, other.ID, sh.ID, got[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("other's round delete: %v", err)
	}
	if err := s.DeletePrepSheet(ctx, other.ID, sh.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("other's delete: %v", err)
	}
	// A round moved to a sheet id that is not the owner's is refused too.
	osh := &PrepSheet{UserID: other.ID, Company: "Other Co", RoleTitle: "AE"}
	if err := s.CreatePrepSheet(ctx, osh, nil, 10); err != nil {
		t.Fatal(err)
	}
	r = got[0]
	r.SheetID = osh.ID
	if err := s.UpdatePrepRound(ctx, owner.ID, &r); !errors.Is(err, ErrNotFound) {
		t.Errorf("round moved onto another's sheet: %v", err)
	}
	back, _ := s.PrepSheet(ctx, owner.ID, sh.ID)
	if back.Company != "Acme" {
		t.Errorf("sheet changed by another user: %+v", back)
	}
	if rs, _ := s.PrepRounds(ctx, owner.ID, sh.ID); len(rs) != 2 || rs[0].Name != "First" {
		t.Errorf("rounds changed by another user: %+v", rs)
	}

	// The next round, and who sees it.
	next, err := s.NextPrepRound(ctx, owner.ID, clock)
	if err != nil || next.Name != "First" || next.Company != "Acme" {
		t.Errorf("next: %+v %v", next, err)
	}
	if _, err := s.NextPrepRound(ctx, owner.ID, time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)); !errors.Is(err, ErrNotFound) {
		t.Errorf("next after every round: %v", err)
	}
	shared, err := s.SharedUpcomingRounds(ctx, coach.ID, owner.ID, clock, 10)
	if err != nil || len(shared) != 0 {
		t.Errorf("unshared rounds seen by a coach: %v %v", shared, err)
	}
	sh.ShareDates = true
	if err := s.UpdatePrepSheet(ctx, sh); err != nil {
		t.Fatal(err)
	}
	if shared, _ := s.SharedUpcomingRounds(ctx, coach.ID, owner.ID, clock, 10); len(shared) != 0 {
		t.Errorf("rounds seen before the candidate joined the coach's set: %v", shared)
	}
	if err := s.Join(ctx, set.ID, owner.ID); err != nil {
		t.Fatal(err)
	}
	for _, cand := range []int64{owner.ID, 0} {
		shared, err = s.SharedUpcomingRounds(ctx, coach.ID, cand, clock, 10)
		if err != nil || len(shared) != 2 || shared[0].Name != "First" || shared[0].DisplayName != owner.DisplayName {
			t.Errorf("shared rounds (candidate %d): %+v %v", cand, shared, err)
		}
	}
	if shared, _ := s.SharedUpcomingRounds(ctx, other.ID, owner.ID, clock, 10); len(shared) != 0 {
		t.Errorf("rounds seen by someone who is not the candidate's coach: %v", shared)
	}
	if err := s.LeaveCoach(ctx, owner.ID, coach.ID); err != nil {
		t.Fatal(err)
	}
	if shared, _ := s.SharedUpcomingRounds(ctx, coach.ID, 0, clock, 10); len(shared) != 0 {
		t.Errorf("rounds seen after the candidate left: %v", shared)
	}

	// The owner edits, adds, deletes.
	r = got[0]
	r.Name = "First, moved"
	if err := s.UpdatePrepRound(ctx, owner.ID, &r); err != nil {
		t.Fatal(err)
	}
	add.SheetID = sh.ID
	add.Name = "Third"
	if err := s.AddPrepRound(ctx, owner.ID, &add, 3); err != nil || add.Position != 3 {
		t.Fatalf("add: %v, position %d", err, add.Position)
	}
	fourth := prepRound("Fourth", "2027-03-01", "10:00", "UTC")
	fourth.SheetID = sh.ID
	if err := s.AddPrepRound(ctx, owner.ID, &fourth, 3); !errors.Is(err, ErrTooMany) {
		t.Errorf("a fourth round past a limit of three: %v", err)
	}
	if err := s.DeletePrepRound(ctx, owner.ID, sh.ID, got[1].ID); err != nil {
		t.Fatal(err)
	}
	rs, _ = s.PrepRounds(ctx, owner.ID, sh.ID)
	if len(rs) != 2 || rs[0].Name != "First, moved" || rs[1].Name != "Third" {
		t.Errorf("after edit, add, delete: %+v", rs)
	}
	if all, _ := s.UserPrepRounds(ctx, owner.ID); len(all) != 2 {
		t.Errorf("all rounds: %d", len(all))
	}
	if err := s.CreatePrepSheet(ctx, &PrepSheet{UserID: owner.ID, Company: "B", RoleTitle: "AE"}, nil, 1); !errors.Is(err, ErrTooMany) {
		t.Errorf("a second sheet past a limit of one: %v", err)
	}
	if err := s.DeletePrepSheet(ctx, owner.ID, sh.ID); err != nil {
		t.Fatal(err)
	}
	var left int64
	s.db.Model(&PrepRound{}).Where("sheet_id = ?", sh.ID).Count(&left)
	if left != 0 {
		t.Errorf("%d rounds left after deleting their sheet", left)
	}
}

// TestCreatePrepSheetIsAllOrNothing: a round that fails to save takes
// its sheet with it.
func TestCreatePrepSheetIsAllOrNothing(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	_, u, _ := coachFixture(t, s)
	err := s.db.Callback().Create().Before("gorm:create").Register("test:fail-rounds", func(db *gorm.DB) {
		if db.Statement.Table == "prep_rounds" {
			db.AddError(errors.New("disk full"))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sh := &PrepSheet{UserID: u.ID, Company: "Acme", RoleTitle: "AE"}
	if err := s.CreatePrepSheet(ctx, sh, []PrepRound{prepRound("First", "2027-01-15", "10:00", "Asia/Tokyo")}, 10); err == nil {
		t.Fatal("saved although the round failed")
	}
	if list, _ := s.PrepSheets(ctx, u.ID); len(list) != 0 {
		t.Errorf("half-saved sheet: %+v", list)
	}
}

// TestDeleteUserDeletesPrep: deleting the account removes its sheets and
// rounds.
func TestDeleteUserDeletesPrep(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	_, u, _ := coachFixture(t, s)
	sh := &PrepSheet{UserID: u.ID, Company: "Acme", RoleTitle: "AE"}
	if err := s.CreatePrepSheet(ctx, sh, []PrepRound{prepRound("First", "2027-01-15", "10:00", "Asia/Tokyo")}, 10); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteUser(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	var sheets, rounds int64
	s.db.Model(&PrepSheet{}).Where("user_id = ?", u.ID).Count(&sheets)
	s.db.Model(&PrepRound{}).Where("sheet_id = ?", sh.ID).Count(&rounds)
	if sheets != 0 || rounds != 0 {
		t.Errorf("after deleting the user: %d sheets, %d rounds", sheets, rounds)
	}
}
