using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Programs.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExerciseBodyRegionAndCues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Chain exercises get their region and cues from the library seeder at start-up; a clinic's own exercise
            // added before regions existed is filed under the knee until someone edits it.
            migrationBuilder.AddColumn<string>(
                name: "BodyRegion",
                table: "Exercises",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Knee");

            migrationBuilder.AddColumn<string>(
                name: "WhatToAvoid",
                table: "Exercises",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "WhatToFeel",
                table: "Exercises",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BodyRegion",
                table: "Exercises");

            migrationBuilder.DropColumn(
                name: "WhatToAvoid",
                table: "Exercises");

            migrationBuilder.DropColumn(
                name: "WhatToFeel",
                table: "Exercises");
        }
    }
}
